package com.pawprint.diffusion.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.safetensors.SafetensorsDType;
import com.pawprint.diffusion.safetensors.SafetensorsFile;
import com.pawprint.diffusion.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Saving kohya files and loading kohya, LDM-named, PEFT and diffusers files; errors that name what is wrong. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoraFilesTest {

    @TempDir
    Path dir;

    private NDManager manager;
    private TinyModel model;
    private LoraNetwork network;

    @BeforeAll
    void open() {
        manager = NDManager.newBaseManager();
        model = new TinyModel(manager, 21);
        network = LoraNetwork.create(model.base(), 4, 2, 9, manager);
        TinyModel.randomizeUp(network, 9);
    }

    @AfterAll
    void close() {
        manager.close();
    }

    @Test
    void savedFileHasKohyaKeysMetadataAndHashAndLoadsBackIdentically() throws Exception {
        Path file = dir.resolve("rex.safetensors");
        Map<String, String> written = network.save(file, LoraPrecision.FP32,
                Map.of("ss_output_name", "rex", "ss_learning_rate", "0.0001", "ss_network_dim", "4"));

        try (SafetensorsFile saved = SafetensorsFile.open(file)) {
            TreeSet<String> expectedKeys = new TreeSet<>();
            for (LoraModule module : network.modules()) {
                expectedKeys.addAll(List.of(module.name() + ".lora_down.weight", module.name() + ".lora_up.weight",
                        module.name() + ".alpha"));
            }
            assertEquals(expectedKeys, saved.names());
            assertTrue(saved.names().contains("lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q"
                    + ".lora_down.weight"));
            assertTrue(saved.names().contains("lora_te_text_model_encoder_layers_1_mlp_fc2.lora_up.weight"));
            assertEquals(new Shape(), saved.entry("lora_te_text_model_encoder_layers_1_mlp_fc2.alpha").shape());
            assertEquals(SafetensorsDType.F32, saved.entry("lora_te_text_model_encoder_layers_1_mlp_fc2.alpha").dtype());
            assertEquals(new Shape(32, 4, 1, 1),
                    saved.entry("lora_unet_down_blocks_0_attentions_0_proj_in.lora_up.weight").shape());

            Map<String, String> metadata = saved.metadata();
            assertEquals(written, metadata);
            assertEquals("networks.lora", metadata.get("ss_network_module"));
            assertEquals("4", metadata.get("ss_network_dim"));
            assertEquals("2.0", metadata.get("ss_network_alpha"));
            assertEquals("sd_v1", metadata.get("ss_base_model_version"));
            assertEquals("False", metadata.get("ss_v2"));
            assertEquals("stable-diffusion-v1/lora", metadata.get("modelspec.architecture"));
            assertEquals("rex", metadata.get("ss_output_name"));
            assertEquals("0.0001", metadata.get("ss_learning_rate"));
            assertEquals(sha256OfDataSection(file), metadata.get("sshs_model_hash"));
        }

        try (LoraNetwork loaded = LoraNetwork.load(file, model.base(), manager)) {
            assertEquals(written, loaded.metadata());
            assertSameModules(network, loaded, 0);
            NDArray original;
            try (AppliedLora applied = network.apply(LoraMode.SIDE_PATH, LoraStrength.of(0.9))) {
                original = model.denoise();
            }
            try (AppliedLora applied = loaded.apply(LoraMode.SIDE_PATH, LoraStrength.of(0.9))) {
                assertEquals(0.0, TinyModel.maxAbsDifference(original, model.denoise()));
            }
            assertFalse(loaded.modules().get(0).down().hasGradient(), "loaded networks start frozen");
        }
    }

    @Test
    void halfPrecisionIsTheDefaultFormatAndRoundsOnlyToFp16() throws Exception {
        Path file = dir.resolve("half.safetensors");
        network.save(file, LoraPrecision.FP16, Map.of());
        try (SafetensorsFile saved = SafetensorsFile.open(file)) {
            assertTrue(saved.names().stream().allMatch(name -> saved.entry(name).dtype() == SafetensorsDType.F16));
            assertEquals(sha256OfDataSection(file), saved.metadata().get("sshs_model_hash"));
        }
        try (LoraNetwork loaded = LoraNetwork.load(file, model.base(), manager)) {
            assertSameModules(network, loaded, 1e-3);
        }
    }

    @Test
    void metadataTheNetworkDecidesCannotBeOverridden() {
        assertThrows(IllegalArgumentException.class, () -> network.save(dir.resolve("x.safetensors"),
                LoraPrecision.FP16, Map.of("ss_network_dim", "128")));
        assertThrows(IllegalArgumentException.class, () -> network.save(dir.resolve("y.safetensors"),
                LoraPrecision.FP16, Map.of("sshs_model_hash", "abc")));
    }

    /** LDM block names written from the fixed SD layout (2 layers per block), independent of the engine's mapping. */
    private static final Pattern DOWN = Pattern.compile("lora_unet_down_blocks_(\\d+)_attentions_(\\d+)_(.+)");
    private static final Pattern MID = Pattern.compile("lora_unet_mid_block_attentions_0_(.+)");
    private static final Pattern UP = Pattern.compile("lora_unet_up_blocks_(\\d+)_attentions_(\\d+)_(.+)");

    private static String ldmName(String key) {
        Matcher m = DOWN.matcher(key);
        if (m.matches()) {
            return "lora_unet_input_blocks_" + (1 + 3 * Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)))
                    + "_1_" + m.group(3);
        }
        m = MID.matcher(key);
        if (m.matches()) {
            return "lora_unet_middle_block_1_" + m.group(1);
        }
        m = UP.matcher(key);
        if (m.matches()) {
            return "lora_unet_output_blocks_" + (3 * Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)))
                    + "_1_" + m.group(3);
        }
        return key;
    }

    @Test
    void ldmPeftAndDiffusersNamedFilesLoadToTheSameModules() throws Exception {
        Path kohya = dir.resolve("kohya.safetensors");
        network.save(kohya, LoraPrecision.FP32, Map.of());
        assertEquals("lora_unet_input_blocks_8_1_proj_in",
                ldmName("lora_unet_down_blocks_2_attentions_1_proj_in"), "the notes' formula");

        Map<String, String> paths = new LinkedHashMap<>();
        for (LoraModule module : network.modules()) {
            paths.put(module.name(), (module.component() == LoraComponent.UNET ? "unet." : "text_encoder.")
                    + module.target().path());
        }
        Path ldm = renamed(kohya, "ldm", key -> {
            String stem = key.substring(0, key.indexOf('.'));
            return ldmName(stem) + key.substring(stem.length());
        });
        Path peft = renamed(kohya, "peft", key -> {
            String stem = key.substring(0, key.indexOf('.'));
            String path = "base_model.model." + paths.get(stem).substring(paths.get(stem).indexOf('.') + 1);
            return key.endsWith(".alpha") ? path + ".alpha"
                    : path + (key.endsWith("lora_down.weight") ? ".lora_A.weight" : ".lora_B.weight");
        });
        Path diffusers = renamed(kohya, "diffusers", key -> {
            String stem = key.substring(0, key.indexOf('.'));
            return paths.get(stem) + (key.endsWith(".alpha") ? ".alpha"
                    : key.endsWith("lora_down.weight") ? ".lora.down.weight" : ".lora.up.weight");
        });
        try (SafetensorsFile file = SafetensorsFile.open(ldm)) {
            assertTrue(file.names().contains("lora_unet_input_blocks_1_1_proj_in.lora_down.weight"));
            assertTrue(file.names().contains(
                    "lora_unet_output_blocks_11_1_transformer_blocks_0_attn2_to_k.lora_up.weight"));
            assertTrue(file.names().contains("lora_unet_middle_block_1_proj_out.alpha"));
        }
        for (Path variant : List.of(ldm, peft, diffusers)) {
            try (LoraNetwork loaded = LoraNetwork.load(variant, model.base(), manager)) {
                assertSameModules(network, loaded, 0);
            }
        }
    }

    @Test
    void keysMatchingNoModuleAreAllNamed() throws Exception {
        Path file = dir.resolve("foreign.safetensors");
        Map<String, NDArray> tensors = new TreeMap<>(tensorsOf(network));
        tensors.put("lora_te_text_model_encoder_layers_5_mlp_fc1.lora_down.weight", manager.zeros(new Shape(4, 64)));
        tensors.put("lora_te_text_model_encoder_layers_5_mlp_fc1.lora_up.weight", manager.zeros(new Shape(128, 4)));
        tensors.put("lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q.hada_w1_a",
                manager.zeros(new Shape(4, 4)));
        SafetensorsWriter.write(file, tensors, Map.of());

        LoraFileException error = assertThrows(LoraFileException.class,
                () -> LoraNetwork.load(file, model.base(), manager));
        assertEquals(List.of("lora_te_text_model_encoder_layers_5_mlp_fc1.lora_down.weight",
                        "lora_te_text_model_encoder_layers_5_mlp_fc1.lora_up.weight",
                        "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q.hada_w1_a"),
                error.unmatchedKeys());
        assertTrue(error.getMessage().contains("lora_te_text_model_encoder_layers_5_mlp_fc1.*"), error.getMessage());
        assertTrue(error.getMessage().contains("attn1_to_q.hada_w1_a"), error.getMessage());
    }

    @Test
    void shapeMismatchesAndIncompleteAdaptersAreNamed() throws Exception {
        Path file = dir.resolve("misfit.safetensors");
        Map<String, NDArray> tensors = new TreeMap<>(tensorsOf(network));
        String toK = "lora_unet_mid_block_attentions_0_transformer_blocks_0_attn2_to_k";
        tensors.put(toK + ".lora_down.weight", manager.zeros(new Shape(4, 768)));
        tensors.remove("lora_te_text_model_encoder_layers_0_self_attn_v_proj.lora_up.weight");
        SafetensorsWriter.write(file, tensors, Map.of());

        LoraFileException error = assertThrows(LoraFileException.class,
                () -> LoraNetwork.load(file, model.base(), manager));
        assertTrue(error.getMessage().contains("text_model.encoder.layers.0.self_attn.v_proj"), error.getMessage());
        assertTrue(error.getMessage().contains("no up weight"), error.getMessage());

        tensors.put("lora_te_text_model_encoder_layers_0_self_attn_v_proj.lora_up.weight",
                manager.zeros(new Shape(64, 4)));
        SafetensorsWriter.write(file, tensors, Map.of());
        LoraFileException shapes = assertThrows(LoraFileException.class,
                () -> LoraNetwork.load(file, model.base(), manager));
        assertTrue(shapes.getMessage().contains(toK + ".lora_down.weight"), shapes.getMessage());
        assertTrue(shapes.getMessage().contains("(4, 768)"), shapes.getMessage());
        assertTrue(shapes.getMessage().contains("(r, 64)"), shapes.getMessage());
    }

    @Test
    void loraFilesForOtherModelFamiliesAreRejectedByTheirMetadata() {
        Path file = dir.resolve("xl.safetensors");
        SafetensorsWriter.write(file, tensorsOf(network), Map.of("ss_base_model_version", "sdxl_base_v1-0"));
        LoraFileException error = assertThrows(LoraFileException.class,
                () -> LoraNetwork.load(file, model.base(), manager));
        assertTrue(error.getMessage().contains("sdxl_base_v1-0"), error.getMessage());
    }

    private Map<String, NDArray> tensorsOf(LoraNetwork lora) {
        Map<String, NDArray> tensors = new TreeMap<>(lora.parameters());
        for (LoraModule module : lora.modules()) {
            tensors.put(module.name() + ".alpha", manager.create(module.alpha()));
        }
        return tensors;
    }

    private Path renamed(Path kohya, String name, UnaryOperator<String> rename) {
        Path target = dir.resolve(name + ".safetensors");
        Map<String, NDArray> tensors = new TreeMap<>();
        try (SafetensorsFile file = SafetensorsFile.open(kohya)) {
            for (String key : file.names()) {
                tensors.put(rename.apply(key), file.load(key, manager));
            }
        }
        SafetensorsWriter.write(target, tensors, Map.of());
        return target;
    }

    private static void assertSameModules(LoraNetwork expected, LoraNetwork actual, double tolerance) {
        Map<String, LoraModule> byPath = actual.modules().stream()
                .collect(Collectors.toMap(m -> m.component() + m.target().path(), m -> m));
        assertEquals(expected.modules().size(), byPath.size());
        for (LoraModule module : expected.modules()) {
            LoraModule other = byPath.get(module.component() + module.target().path());
            assertTrue(other != null && other.target() == module.target(), module.name());
            assertEquals(module.name(), other.name(), "names are normalised to kohya's diffusers form");
            assertEquals(module.alpha(), other.alpha());
            assertEquals(module.down().getShape(), other.down().getShape());
            assertEquals(module.up().getShape(), other.up().getShape());
            assertTrue(TinyModel.maxAbsDifference(module.down(), other.down()) <= tolerance, module.name());
            assertTrue(TinyModel.maxAbsDifference(module.up(), other.up()) <= tolerance, module.name());
        }
    }

    private static String sha256OfDataSection(Path file) throws IOException, Exception {
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] data = Arrays.copyOfRange(bytes, (int) (8 + headerLength), bytes.length);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
