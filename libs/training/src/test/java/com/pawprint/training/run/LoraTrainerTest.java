package com.pawprint.training.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pawprint.contracts.ConfigUse;
import com.pawprint.contracts.TrainingConfig;
import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.diffusion.lora.LoraBase;
import com.pawprint.diffusion.lora.LoraNetwork;
import com.pawprint.diffusion.lora.LoraPrecision;
import com.pawprint.diffusion.pipeline.CancellationToken;
import com.pawprint.diffusion.pipeline.StableDiffusion;
import com.pawprint.diffusion.pipeline.Txt2ImgRequest;
import com.pawprint.diffusion.safetensors.SafetensorsFile;
import com.pawprint.training.TinyDatasets;
import com.pawprint.training.dataset.TrainingDataset;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import javax.imageio.ImageIO;

/** Whole runs on the engine's tiny model and a synthetic cat: learning, exact resume, incremental training, NaN. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoraTrainerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;
    private Path modelFile;
    private StableDiffusion model;
    private TrainingDataset dataset;
    private final BaseModel base = new BaseModel("tiny.safetensors", "0".repeat(64), "00000000");

    @BeforeAll
    void load(@TempDir Path tempDir) {
        dir = tempDir;
        modelFile = TinyDatasets.tinyModel(dir);
        model = StableDiffusion.load(modelFile, ComputeDevice.cpu());
        Path cats = TinyDatasets.catFolder(dir.resolve("cats"), 6);
        dataset = TrainingDataset.read(cats, cats.resolve("metadata.csv"), null, null);
    }

    @AfterAll
    void close() {
        model.close();
    }

    private TrainingConfig config(Map<String, Object> overrides) {
        Map<String, Object> options = new HashMap<>(Map.of("resolution", 256, "batch_size", 2, "lora_rank", 4,
                "learning_rate", 1e-3, "lr_scheduler", "constant", "save_steps", 0, "train_text_encoder", false,
                "shuffle_caption", true, "train_data_dir", dir.resolve("cats").toString(), "base_model",
                "tiny.safetensors"));
        options.putAll(overrides);
        return TrainingConfig.of(options, ConfigUse.COMMAND);
    }

    private TrainingOutcome train(TrainingConfig config, Path out, TrainingListener listener,
            CancellationToken cancellation) {
        return new LoraTrainer(model, base, config, dataset, out, "cat_v1_rank4_ep1", 2, listener, cancellation)
                .train();
    }

    @Test
    void theAdapterLearnsThePetAndEverythingIsWritten() throws Exception {
        Path out = dir.resolve("learns");
        TrainingConfig config = config(Map.of("epochs", 10, "learning_rate", 3e-3, "validation_split", 0.34,
                "save_steps", 10,
                "sample_prompts", List.of("sks cat on a mug"), "train_text_encoder", true, "min_snr_gamma", 5,
                "noise_offset", 0.05));
        TrainingOutcome outcome = train(config, out, TrainingListener.NONE, new CancellationToken());

        assertEquals(TrainingOutcome.Status.COMPLETED, outcome.status(), outcome.reason());
        assertEquals(20, outcome.steps(), "4 photos in 2 batches for 10 epochs");
        assertTrue(outcome.finalValidationLoss() < 0.9 * outcome.initialValidationLoss(),
                "validation loss " + outcome.initialValidationLoss() + " -> " + outcome.finalValidationLoss());
        assertEquals(1, outcome.checkpoints().size());
        assertTrue(Files.isRegularFile(out.resolve("cat_v1_rank4_ep1.safetensors")));
        assertTrue(Files.isRegularFile(out.resolve("cat_v1_rank4_ep1.json")));
        assertTrue(Files.isRegularFile(out.resolve("loss.png")));
        assertEquals(20, Files.readAllLines(out.resolve("logs/steps.csv")).size() - 1);
        Path sample = out.resolve("samples/cat_v1_rank4_ep1_step00000020_00.png");
        BufferedImage trained = ImageIO.read(sample.toFile());
        BufferedImage untrained = model.generate(Txt2ImgRequest.builder("sks cat on a mug").steps(2)
                .seed(config.seed()).size(256, 256).build()).images().get(0);
        assertTrue(differingPixels(trained, untrained) > 1000, "the LoRA changes the sample image");

        try (SafetensorsFile file = SafetensorsFile.open(outcome.lora())) {
            Map<String, String> metadata = file.metadata();
            assertEquals("cat_v1_rank4_ep1", metadata.get("ss_output_name"));
            assertEquals("20", metadata.get("ss_steps"));
            assertEquals("10", metadata.get("ss_epoch"));
            assertEquals("0.003", metadata.get("ss_learning_rate"));
            JsonNode tags = JSON.readTree(metadata.get("ss_tag_frequency"));
            assertEquals(4, tags.get("cats").get("sks cat").asInt(), metadata.get("ss_tag_frequency"));
            assertEquals(JSON.readTree("{\"cats\":{\"n_repeats\":1,\"img_count\":4}}"),
                    JSON.readTree(metadata.get("ss_dataset_dirs")));
            assertEquals("tiny.safetensors", metadata.get("ss_sd_model_name"));
            assertNotNull(metadata.get("sshs_model_hash"));
        }
        LoraBase loraBase = new LoraBase(model.unetModules(), model.textEncoderModules());
        try (NDManager manager = NDManager.newBaseManager();
                LoraNetwork loaded = LoraNetwork.load(outcome.lora(), loraBase, manager);
                LoraNetwork fresh = LoraNetwork.create(loraBase, 1, 1, 1, manager)) {
            assertEquals(fresh.modules().size(), loaded.modules().size(), "every default target, no unmatched key");
        }
    }

    @Test
    void trainsOnAThreadOtherThanTheEngines() throws Exception {
        TrainingOutcome[] outcome = new TrainingOutcome[1];
        Thread worker = new Thread(() -> outcome[0] = train(config(Map.of("max_train_steps", 1)),
                dir.resolve("worker-thread"), TrainingListener.NONE, new CancellationToken()));
        worker.start();
        worker.join();
        assertNotNull(outcome[0], "the run on the worker thread threw");
        assertEquals(TrainingOutcome.Status.COMPLETED, outcome[0].status(), outcome[0].reason());
    }

    @Test
    void aRunStoppedHalfwayAndResumedEqualsAStraightRun() throws Exception {
        TrainingConfig config = config(Map.of("epochs", 3, "save_steps", 2, "lr_scheduler", "cosine",
                "lr_warmup_steps", 1, "gradient_accumulation_steps", 2, "batch_size", 1));
        Path straight = dir.resolve("straight");
        TrainingOutcome whole = train(config, straight, TrainingListener.NONE, new CancellationToken());
        assertEquals(TrainingOutcome.Status.COMPLETED, whole.status(), whole.reason());
        assertEquals(9, whole.steps(), "6 photos, one per batch, 2 per step (the last alone), 3 epochs");

        Path interrupted = dir.resolve("interrupted");
        CancellationToken stop = new CancellationToken();
        TrainingOutcome first = train(config, interrupted, new TrainingListener() {
            @Override
            public void stepped(TrainingProgress progress) {
                if (progress.step() == 4) {
                    stop.cancel();
                }
            }
        }, stop);
        assertEquals(TrainingOutcome.Status.CANCELLED, first.status());
        assertEquals(4, first.steps());
        assertTrue(first.reason().contains("step-00000004"), first.reason());
        TrainingOutcome second = train(config, interrupted, TrainingListener.NONE, new CancellationToken());
        assertEquals(TrainingOutcome.Status.COMPLETED, second.status(), second.reason());
        assertEquals(9, second.steps());

        assertSameTensors(whole.lora(), second.lora());
        assertEquals(Files.readAllLines(straight.resolve("logs/steps.csv")).stream().map(l -> l.split(",")[2])
                .toList(), Files.readAllLines(interrupted.resolve("logs/steps.csv")).stream()
                .map(l -> l.split(",")[2]).toList(), "the loss curve of the resumed run is the straight one's");
    }

    @Test
    void incrementalTrainingStartsFromAnEarlierFileAndRefusesAMismatch() throws Exception {
        Path earlier = dir.resolve("earlier.safetensors");
        try (NDManager manager = NDManager.newBaseManager();
                LoraNetwork network = LoraNetwork.create(new LoraBase(model.unetModules(),
                        model.textEncoderModules()), 4, 2, 99, manager)) {
            network.modules().forEach(module -> module.up().addi(0.01f));
            network.save(earlier, LoraPrecision.FP32, Map.of());
        }
        Path corrupt = Files.writeString(dir.resolve("corrupt.safetensors"), "not a safetensors file");
        Path out = dir.resolve("incremental");
        TrainingOutcome outcome = train(config(Map.of("max_train_steps", 1, "network_weights", earlier.toString(),
                "lora_alpha", 2)), out, TrainingListener.NONE, new CancellationToken());
        assertEquals(TrainingOutcome.Status.COMPLETED, outcome.status(), outcome.reason());
        try (SafetensorsFile trained = SafetensorsFile.open(outcome.lora());
                SafetensorsFile start = SafetensorsFile.open(earlier);
                NDManager manager = NDManager.newBaseManager()) {
            String key = "lora_unet_mid_block_attentions_0_proj_in.lora_up.weight";
            NDArray before = start.load(key, manager);
            NDArray after = trained.load(key, manager);
            double moved = after.sub(before).abs().max().getFloat();
            assertTrue(moved > 0 && moved < 0.005, "one step moved the earlier weights by " + moved);
            assertEquals("2.0", trained.metadata().get("ss_network_alpha"));
        }
        TrainingSetupException mismatch = assertThrows(TrainingSetupException.class, () -> train(
                config(Map.of("max_train_steps", 1, "network_weights", earlier.toString(), "lora_rank", 8)),
                dir.resolve("mismatch"), TrainingListener.NONE, new CancellationToken()));
        assertTrue(mismatch.getMessage().contains("its rank is 4 but lora_rank is 8"), mismatch.getMessage());
        TrainingSetupException unreadable = assertThrows(TrainingSetupException.class, () -> train(
                config(Map.of("max_train_steps", 1, "network_weights", corrupt.toString())),
                dir.resolve("corrupt"), TrainingListener.NONE, new CancellationToken()));
        assertTrue(unreadable.getMessage().contains("corrupt.safetensors"), unreadable.getMessage());
    }

    @Test
    void aNanLossStopsTheRunKeepingTheLastGoodCheckpoint() throws Exception {
        Path out = dir.resolve("nan");
        // A model of its own: the run breaks its weights.
        try (StableDiffusion breakable = StableDiffusion.load(modelFile, ComputeDevice.cpu())) {
            TrainingListener poisonAfterTheFirstCheckpoint = new TrainingListener() {
                @Override
                public void checkpointed(Checkpoint checkpoint) {
                    breakable.unetModules().all().get(0).weight().muli(Float.NaN);
                }
            };
            TrainingOutcome outcome = new LoraTrainer(breakable, base, config(Map.of("max_train_steps", 4,
                    "save_steps", 2)), dataset, out, "cat_v1_rank4_ep1", 2, poisonAfterTheFirstCheckpoint,
                    new CancellationToken()).train();
            assertEquals(TrainingOutcome.Status.FAILED, outcome.status());
            assertTrue(outcome.reason().startsWith("the loss became NaN at step 3"), outcome.reason());
            assertTrue(outcome.reason().endsWith("the last good checkpoint is "
                    + out.resolve("checkpoints/step-00000002")), outcome.reason());
        }
        assertFalse(Files.exists(out.resolve("cat_v1_rank4_ep1.safetensors")));
        assertTrue(Files.isRegularFile(out.resolve("checkpoints/step-00000002/lora.safetensors")));
        assertTrue(Files.readString(out.resolve("cat_v1_rank4_ep1.json")).contains("\"status\" : \"failed\""));
    }

    private static int differingPixels(BufferedImage a, BufferedImage b) {
        int differing = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                differing += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        return differing;
    }

    private static void assertSameTensors(Path expected, Path actual) {
        try (SafetensorsFile a = SafetensorsFile.open(expected); SafetensorsFile b = SafetensorsFile.open(actual)) {
            assertEquals(a.names(), b.names());
            for (String name : a.names()) {
                byte[] left = new byte[a.rawBytes(name).remaining()];
                a.rawBytes(name).get(left);
                byte[] right = new byte[b.rawBytes(name).remaining()];
                b.rawBytes(name).get(right);
                assertArrayEquals(left, right, name);
            }
        }
    }
}
