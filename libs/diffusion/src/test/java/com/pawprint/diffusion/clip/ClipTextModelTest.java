package com.pawprint.diffusion.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pawprint.diffusion.nn.GeneratedTensorSource;
import com.pawprint.diffusion.nn.LoraTarget;
import com.pawprint.diffusion.nn.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipTextModelTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private ClipTextModel tiny(long seed) {
        return ClipTextModel.load(Weights.of(GeneratedTensorSource.random(seed), manager, DataType.FLOAT32),
                ClipTextConfig.tiny());
    }

    private NDArray ids(long... values) {
        return manager.create(values, new Shape(1, values.length));
    }

    @Test
    void shapesFollowTheConfig() {
        ClipTextModel model = tiny(1);
        NDArray input = manager.create(new long[] {1, 5, 9, 999, 2, 3, 4, 7}, new Shape(2, 4));
        ClipTextOutput output = model.forward(input);
        assertEquals(new Shape(2, 4, 64), output.lastHiddenState().getShape());
        assertEquals(3, output.hiddenStates().size());
        assertEquals(new Shape(2, 4, 64), output.penultimateHiddenState().getShape());
        assertEquals(new Shape(2, 77, 64), model.encode(manager.zeros(new Shape(2, 77), DataType.INT64), 1).getShape());
        assertThrows(IllegalArgumentException.class, () -> model.forward(manager.zeros(new Shape(1, 78), DataType.INT64)));
        assertThrows(IllegalArgumentException.class, () -> model.forward(ids(1000)));
        assertThrows(IllegalArgumentException.class, () -> model.encode(ids(1), 3));
    }

    @Test
    void sameSeedSameOutputOtherSeedOtherOutput() {
        float[] first = tiny(3).forward(ids(10, 20, 30)).lastHiddenState().toFloatArray();
        float[] again = tiny(3).forward(ids(10, 20, 30)).lastHiddenState().toFloatArray();
        float[] other = tiny(4).forward(ids(10, 20, 30)).lastHiddenState().toFloatArray();
        assertArrayEquals(first, again);
        assertFalse(java.util.Arrays.equals(first, other));
    }

    @Test
    void tokensNeverSeeLaterTokens() {
        ClipTextModel model = tiny(5);
        NDArray a = model.forward(ids(10, 20, 30, 40)).lastHiddenState();
        NDArray b = model.forward(ids(10, 20, 31, 41)).lastHiddenState();
        NDIndex prefix = new NDIndex(":, 0:2, :");
        assertArrayEquals(a.get(prefix).toFloatArray(), b.get(prefix).toFloatArray(), 1e-6f);
        assertFalse(java.util.Arrays.equals(a.get(":, 2:, :").toFloatArray(), b.get(":, 2:, :").toFloatArray()));
    }

    @Test
    void clipSkipTwoIsTheNormedPenultimateLayer() {
        Weights weights = Weights.of(GeneratedTensorSource.random(6), manager, DataType.FLOAT32);
        ClipTextModel model = ClipTextModel.load(weights, ClipTextConfig.tiny());
        NDArray input = ids(1, 2, 3);
        ClipTextOutput full = model.forward(input);
        assertArrayEquals(full.lastHiddenState().toFloatArray(), model.encode(input, 1).toFloatArray(), 1e-6f);
        NDArray penultimate = full.penultimateHiddenState();
        NDArray mean = penultimate.mean(new int[] {2}, true);
        NDArray variance = penultimate.sub(mean).square().mean(new int[] {2}, true);
        NDArray expected = penultimate.sub(mean).div(variance.add(1e-5f).sqrt())
                .mul(weights.get("text_model.final_layer_norm.weight", 64))
                .add(weights.get("text_model.final_layer_norm.bias", 64));
        assertArrayEquals(expected.toFloatArray(), model.encode(input, 2).toFloatArray(), 1e-4f);
    }

    @Test
    void encodingInAStepManagerLeavesNothingBehindInTheWeightsManager() {
        ClipTextModel model = tiny(8);
        int before = manager.getManagedArrays().size();
        try (NDManager step = manager.newSubManager()) {
            model.forward(step.create(new long[] {1, 2, 3, 4}, new Shape(1, 4)));
            model.encode(step.create(new long[] {1, 2, 3, 4}, new Shape(1, 4)), 2);
        }
        assertEquals(before, manager.getManagedArrays().size());
    }

    @Test
    void sd15HasTheReferenceParameterCountAndKohyasSeventyTwoTargets() {
        GeneratedTensorSource counting = GeneratedTensorSource.counting();
        Weights weights = Weights.of(counting, manager, DataType.FLOAT32);
        ClipTextModel.load(weights, ClipTextConfig.sd15());
        assertEquals(123_060_480L, counting.parameterCount());
        List<LoraTarget> targets = weights.registry().all();
        assertEquals(72, targets.size());
        assertEquals("text_model.encoder.layers.0.self_attn.q_proj", targets.get(0).path());
        assertEquals("text_model.encoder.layers.11.mlp.fc2", targets.get(71).path());
        assertTrue(counting.names().contains("text_model.embeddings.position_embedding.weight"));
    }

    @Test
    void configReadsTransformersJsonWithSd15Defaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"architectures\":[\"CLIPTextModel\"],\"hidden_size\":64,\"intermediate_size\":128,"
                + "\"num_hidden_layers\":2,\"num_attention_heads\":4,\"vocab_size\":1000,\"hidden_act\":\"quick_gelu\","
                + "\"torch_dtype\":\"float32\"}");
        assertEquals(ClipTextConfig.tiny(), ClipTextConfig.fromJson(file));
        assertEquals(ClipTextConfig.sd15(), ClipTextConfig.fromJson(new ObjectMapper().readTree("{}")));
        assertEquals(ClipActivation.GELU,
                ClipTextConfig.fromJson(new ObjectMapper().readTree("{\"text_config\":{\"hidden_act\":\"gelu\"}}"))
                        .hiddenAct());
        assertThrows(IllegalArgumentException.class,
                () -> ClipTextConfig.fromJson(new ObjectMapper().readTree("{\"hidden_act\":\"relu\"}")));
        assertThrows(IllegalArgumentException.class,
                () -> ClipTextConfig.fromJson(new ObjectMapper().readTree("{\"num_attention_heads\":5}")));
    }
}
