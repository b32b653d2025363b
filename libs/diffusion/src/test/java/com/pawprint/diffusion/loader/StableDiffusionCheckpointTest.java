package com.pawprint.diffusion.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.clip.ClipTextConfig;
import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.diffusion.safetensors.SafetensorsException;
import com.pawprint.diffusion.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StableDiffusionCheckpointTest {

    @TempDir
    Path dir;

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** The outputs of all three models for fixed inputs. */
    private record Outputs(float[] text, float[] noise, float[] image) {
    }

    private Outputs run(StableDiffusionCheckpoint checkpoint, ModelConfigs configs, List<String> expectedUnused) {
        try (StableDiffusionModels models = StableDiffusionModels.load(checkpoint, ComputeDevice.cpu(), configs)) {
            assertEquals(expectedUnused, models.unusedKeys());
            assertEquals(configs, models.configs());
            assertEquals(12, models.textEncoderModules().size());
            assertEquals("text_model.encoder.layers.0.self_attn.q_proj", models.textEncoderModules().all().get(0).path());
            assertEquals(16 * 12, models.unetModules().matching(path -> path.contains(".attentions.")).size());

            NDManager step = models.manager().newSubManager();
            NDArray ids = step.create(new long[] {998, 5, 17, 999, 999, 999}, new Shape(1, 6));
            NDArray context = models.textEncoder().encode(ids, 1);
            step.getEngine().setRandomSeed(7);
            NDArray latents = step.randomNormal(0, 1, new Shape(1, 4, 8, 8), DataType.FLOAT32);
            NDArray noise = models.unet().forward(latents, step.create(new float[] {500f}), context);
            NDArray image = models.vae().decode(latents.get(":, :, 0:4, 0:4"));
            assertEquals(new Shape(1, 3, 32, 32), image.getShape());
            Outputs outputs = new Outputs(context.toFloatArray(), noise.toFloatArray(), image.toFloatArray());
            step.close();
            return outputs;
        }
    }

    @Test
    void diffusersFolderAndLdmSingleFileLoadToIdenticalModels() throws IOException {
        TinyCheckpoints tiny = TinyCheckpoints.generate(manager, 11);
        Map<String, NDArray> positionIds = Map.of("text_model.embeddings.position_ids",
                manager.arange(0, 77, 1, DataType.INT64).reshape(1, 77));
        Path folder = tiny.writeFolder(dir.resolve("tiny-diffusers"), positionIds);
        Map<String, NDArray> extras = new TreeMap<>();
        extras.put("cond_stage_model.transformer.text_model.embeddings.position_ids",
                positionIds.get("text_model.embeddings.position_ids"));
        extras.put("model_ema.decay", manager.create(0.9999f));
        Path single = tiny.writeSingleFile(dir.resolve("tiny.safetensors"), extras);

        Outputs fromFolder;
        try (StableDiffusionCheckpoint checkpoint = StableDiffusionCheckpoint.open(folder)) {
            assertEquals(CheckpointFormat.DIFFUSERS_FOLDER, checkpoint.format());
            assertEquals(ClipTextConfig.tiny(), checkpoint.textEncoderConfig());
            assertTrue(checkpoint.componentConfig("scheduler").isPresent());
            assertEquals(Map.of("format", "pt"), checkpoint.metadata());
            assertEquals(514, checkpoint.tokenizer().vocabularySize());
            assertEquals(ModelConfigs.tiny(), ModelConfigs.of(checkpoint));
            fromFolder = run(checkpoint, ModelConfigs.of(checkpoint), List.of("text_model.embeddings.position_ids"));
        }
        Outputs fromSingleFile;
        try (StableDiffusionCheckpoint checkpoint = StableDiffusionCheckpoint.open(single)) {
            assertEquals(CheckpointFormat.LDM_SINGLE_FILE, checkpoint.format());
            assertEquals(ClipTextConfig.sd15(), checkpoint.textEncoderConfig());
            assertTrue(checkpoint.componentConfig("unet").isEmpty());
            assertEquals(49408, checkpoint.tokenizer().vocabularySize());
            assertEquals(ModelConfigs.sd15(), ModelConfigs.of(checkpoint));
            fromSingleFile = run(checkpoint, ModelConfigs.tiny(), List.of("cond_stage_model.transformer.text_model.embeddings.position_ids", "model_ema.decay"));
        }
        assertArrayEquals(fromFolder.text(), fromSingleFile.text());
        assertArrayEquals(fromFolder.noise(), fromSingleFile.noise());
        assertArrayEquals(fromFolder.image(), fromSingleFile.image());
    }

    @Test
    void modelsOutliveTheirClosedCheckpointWhichRefusesFurtherReads() {
        TinyCheckpoints tiny = TinyCheckpoints.generate(manager, 11);
        Path single = tiny.writeSingleFile(dir.resolve("tiny.safetensors"), Map.of());
        StableDiffusionCheckpoint checkpoint = StableDiffusionCheckpoint.open(single);
        float[] convIn = tiny.unet.get("conv_in.weight").toType(DataType.FLOAT32, false).toFloatArray();
        assertArrayEquals(convIn, checkpoint.unet().load("conv_in.weight", manager).toFloatArray());
        try (StableDiffusionModels models = StableDiffusionModels.load(checkpoint, ComputeDevice.cpu(),
                ModelConfigs.tiny())) {
            checkpoint.close();
            SafetensorsException error = assertThrows(SafetensorsException.class,
                    () -> checkpoint.unet().load("conv_in.weight", manager));
            assertTrue(error.getMessage().contains("is closed"), error.getMessage());
            assertThrows(SafetensorsException.class, () -> checkpoint.textEncoder().load(
                    "text_model.embeddings.token_embedding.weight", manager));

            NDArray ids = manager.create(new long[] {998, 5, 17, 999}, new Shape(1, 4));
            assertEquals(new Shape(1, 4, 64), models.textEncoder().encode(ids, 1).getShape());
            assertArrayEquals(convIn, models.unetModules().find("conv_in").orElseThrow().weight().toFloatArray());
        }
    }

    private Path safetensors(String name, Map<String, Shape> tensors) {
        Map<String, NDArray> arrays = new TreeMap<>();
        tensors.forEach((key, shape) -> arrays.put(key, manager.zeros(shape)));
        Path file = dir.resolve(name);
        SafetensorsWriter.write(file, arrays, Map.of());
        return file;
    }

    private static Map<String, Shape> sd1Skeleton() {
        Map<String, Shape> keys = new TreeMap<>();
        keys.put("model.diffusion_model.input_blocks.0.0.weight", new Shape(8, 4, 3, 3));
        keys.put("first_stage_model.encoder.conv_in.weight", new Shape(8, 3, 3, 3));
        keys.put("cond_stage_model.transformer.text_model.final_layer_norm.weight", new Shape(8));
        return keys;
    }

    private void assertRejected(Path path, String expected) {
        UnsupportedCheckpointException error =
                assertThrows(UnsupportedCheckpointException.class, () -> StableDiffusionCheckpoint.open(path));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        assertTrue(error.getMessage().contains(UnsupportedCheckpointException.SUPPORTED), error.getMessage());
    }

    @Test
    void picklesAreRejectedByExtensionAndByContent() throws IOException {
        Path ckpt = Files.write(dir.resolve("v1-5-pruned.ckpt"), new byte[] {1, 2, 3});
        assertRejected(ckpt, "pickle checkpoint");
        Path disguised = Files.write(dir.resolve("model.safetensors"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0});
        assertRejected(disguised, "pickle checkpoint");
        Path raw = Files.write(dir.resolve("model.weights"), new byte[] {(byte) 0x80, 2, ']', 'q'});
        assertRejected(raw, "pickle checkpoint");
    }

    @Test
    void otherArchitecturesAreRejectedSayingWhatTheyAre() {
        Map<String, Shape> sdxl = sd1Skeleton();
        sdxl.put("conditioner.embedders.0.transformer.text_model.final_layer_norm.weight", new Shape(8));
        assertRejected(safetensors("sdxl.safetensors", sdxl), "SDXL");

        Map<String, Shape> sd2 = sd1Skeleton();
        sd2.put("model.diffusion_model.input_blocks.1.1.proj_in.weight", new Shape(8, 8));
        assertRejected(safetensors("sd2.safetensors", sd2), "2.x");

        Map<String, Shape> openClip = sd1Skeleton();
        openClip.put("cond_stage_model.model.ln_final.weight", new Shape(8));
        assertRejected(safetensors("sd2-openclip.safetensors", openClip), "2.x");

        Map<String, Shape> wideContext = sd1Skeleton();
        wideContext.put("model.diffusion_model.input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight",
                new Shape(8, 1024));
        wideContext.put("model.diffusion_model.input_blocks.3.0.op.weight", new Shape(8, 8, 3, 3));
        assertRejected(safetensors("sd2-context.safetensors", wideContext), "2.x");

        Map<String, Shape> inpainting = sd1Skeleton();
        inpainting.put("model.diffusion_model.input_blocks.0.0.weight", new Shape(8, 9, 3, 3));
        assertRejected(safetensors("inpainting.safetensors", inpainting), "inpainting");

        assertRejected(safetensors("lora.safetensors",
                Map.of("lora_unet_down_blocks_0_attentions_0_proj_in.lora_down.weight", new Shape(4, 8))), "LoRA");
        Map<String, Shape> vaeOnly = new TreeMap<>(sd1Skeleton());
        vaeOnly.remove("model.diffusion_model.input_blocks.0.0.weight");
        assertRejected(safetensors("vae-only.safetensors", vaeOnly), "no UNet");
    }

    @Test
    void incompleteDiffusersFoldersAreNamed() throws IOException {
        TinyCheckpoints tiny = TinyCheckpoints.generate(manager, 3);
        Path folder = tiny.writeFolder(dir.resolve("no-merges"), TinyCheckpoints.none());
        Files.delete(folder.resolve("tokenizer").resolve("merges.txt"));
        assertRejected(folder, "tokenizer/merges.txt");

        Path pickled = tiny.writeFolder(dir.resolve("bin-only"), TinyCheckpoints.none());
        Files.move(pickled.resolve("unet").resolve("diffusion_pytorch_model.safetensors"),
                pickled.resolve("unet").resolve("diffusion_pytorch_model.bin"));
        assertRejected(pickled, "pickle .bin");

        Path xl = tiny.writeFolder(dir.resolve("xl"), TinyCheckpoints.none());
        Files.createDirectories(xl.resolve("text_encoder_2"));
        assertRejected(xl, "SDXL");

        Path wide = tiny.writeFolder(dir.resolve("wide"), TinyCheckpoints.none());
        Map<String, NDArray> unet = new TreeMap<>(tiny.unet);
        unet.put("down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k.weight",
                manager.zeros(new Shape(32, 1024)));
        SafetensorsWriter.write(wide.resolve("unet").resolve("diffusion_pytorch_model.safetensors"), unet, Map.of());
        assertRejected(wide, "2.x");
    }
}
