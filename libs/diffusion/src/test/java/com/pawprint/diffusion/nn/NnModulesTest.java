package com.pawprint.diffusion.nn;

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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NnModulesTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Weights random(long seed) {
        return Weights.of(GeneratedTensorSource.random(seed), manager, DataType.FLOAT32);
    }

    static void assertClose(NDArray expected, NDArray actual, double tolerance) {
        assertEquals(expected.getShape(), actual.getShape());
        float[] e = expected.toType(DataType.FLOAT32, false).toFloatArray();
        float[] a = actual.toType(DataType.FLOAT32, false).toFloatArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tolerance * Math.max(1, Math.abs(e[i])), "element " + i);
        }
    }

    @Test
    void weightsScopePathsLikeTheCheckpoint() {
        Weights w = random(1).at("text_model").at("encoder").at("layers").at(3).at("mlp");
        assertEquals("text_model.encoder.layers.3.mlp", w.path());
        assertEquals("text_model.encoder.layers.3.mlp.fc1.weight", w.at("fc1").key("weight"));
        NDArray weight = w.get("fc1.weight", 8, 4);
        assertEquals(new Shape(8, 4), weight.getShape());
        assertTrue(w.usedKeys().contains("text_model.encoder.layers.3.mlp.fc1.weight"));
    }

    @Test
    void generatedWeightsDependOnlyOnSeedAndName() {
        GeneratedTensorSource first = GeneratedTensorSource.random(7);
        GeneratedTensorSource second = GeneratedTensorSource.random(7);
        Weights a = Weights.of(first, manager, DataType.FLOAT32);
        Weights b = Weights.of(second, manager, DataType.FLOAT32);
        a.get("other", 3);
        NDArray x = a.get("proj.weight", 16, 8);
        NDArray y = b.get("proj.weight", 16, 8);
        assertArrayEquals(x.toFloatArray(), y.toFloatArray());
        NDArray z = Weights.of(GeneratedTensorSource.random(8), manager, DataType.FLOAT32).get("proj.weight", 16, 8);
        assertFalse(java.util.Arrays.equals(x.toFloatArray(), z.toFloatArray()));
        assertTrue(x.abs().max().getFloat() <= 1 / Math.sqrt(8) + 1e-6);
        assertEquals(List.of("other", "proj.weight"), List.copyOf(first.names()));
    }

    @Test
    void weightsConvertFloatsToTheComputeTypeAndKeepIntegers() {
        GeneratedTensorSource generated = GeneratedTensorSource.random(4);
        Weights half = Weights.of(new TensorSource() {
            @Override
            public java.util.Set<String> names() {
                return java.util.Set.of("w", "ids");
            }

            @Override
            public TensorInfo info(String name) {
                return new TensorInfo(name, name.equals("ids") ? DataType.INT64 : DataType.FLOAT32, new Shape(3));
            }

            @Override
            public NDArray load(String name, NDManager m) {
                return name.equals("ids") ? m.create(new long[] {1, 2, 3}) : generated.load(
                        generated.require(name, new Shape(3)).name(), m);
            }
        }, manager, DataType.FLOAT16);
        NDArray weight = half.get("w", 3);
        assertEquals(DataType.FLOAT16, weight.getDataType());
        assertEquals("w", weight.getName());
        assertEquals(DataType.INT64, half.get("ids").getDataType());
        assertThrows(ShapeMismatchException.class, () -> half.get("w", 4));
        assertThrows(IllegalArgumentException.class, () -> Weights.of(generated, manager, DataType.INT32));
        assertThrows(IllegalArgumentException.class, () -> half.at(""));
        assertThrows(IllegalArgumentException.class, () -> half.at(-1));
    }

    @Test
    void sameNameWithAnotherShapeIsRejectedNamingTheKey() {
        Weights w = random(1).at("a");
        w.get("weight", 4, 4);
        ShapeMismatchException error = assertThrows(ShapeMismatchException.class, () -> w.get("weight", 4, 5));
        assertTrue(error.getMessage().contains("'a.weight'"), error.getMessage());
    }

    @Test
    void countingModeCountsWithoutMaterialising() {
        GeneratedTensorSource counting = GeneratedTensorSource.counting();
        Weights w = Weights.of(counting, manager, DataType.FLOAT32);
        Linear big = Linear.load(w.at("big"), 50_000, 50_000, true);
        assertEquals(new Shape(50_000, 50_000), big.weight().getShape());
        assertEquals(50_000L * 50_000 + 50_000, counting.parameterCount());
        assertEquals(50_000L, counting.parameterCount("big.bias"));
    }

    @Test
    void linearMatchesItsDefinitionAndRegistersItself() {
        Weights w = random(2);
        Linear linear = Linear.load(w.at("to_q"), 8, 6, true);
        NDArray x = manager.randomNormal(new Shape(2, 5, 8));
        NDArray expected = x.matMul(linear.weight().transpose()).add(linear.bias());
        assertClose(expected, linear.forward(x), 1e-5);
        assertEquals(List.of(linear), w.registry().all());
        assertEquals(linear, w.registry().find("to_q").orElseThrow());
    }

    @Test
    void sidePathsAddToTheOutputAndMergingIsEquivalent() {
        Weights w = random(3);
        Linear linear = Linear.load(w.at("fc"), 4, 4, false);
        NDArray x = manager.randomNormal(new Shape(3, 4));
        NDArray base = linear.forward(x);
        NDArray delta = manager.randomNormal(new Shape(4, 4)).mul(0.1f);
        LoraSidePath side = input -> input.matMul(delta.transpose());
        linear.addSidePath(side);
        NDArray withSide = linear.forward(x);
        linear.removeSidePath(side);
        assertClose(base, linear.forward(x), 1e-6);
        linear.addToWeight(delta);
        assertClose(withSide, linear.forward(x), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> linear.addToWeight(manager.zeros(new Shape(4, 5))));
    }

    @Test
    void conv2dKeepsGeometryAndChecksInput() {
        Weights w = random(4);
        Conv2d down = Conv2d.load(w.at("down"), 3, 5, 3, 2, 1, true);
        Conv2d pointwise = Conv2d.load(w.at("proj_in"), 5, 5, 1, 1, 0, false);
        NDArray y = pointwise.forward(down.forward(manager.randomNormal(new Shape(2, 3, 8, 8))));
        assertEquals(new Shape(2, 5, 4, 4), y.getShape());
        assertThrows(IllegalArgumentException.class, () -> down.forward(manager.zeros(new Shape(1, 4, 8, 8))));
        assertEquals(2, w.registry().size());
    }

    @Test
    void groupNormMatchesExplicitStatistics() {
        Weights w = random(5);
        GroupNorm norm = GroupNorm.load(w.at("norm"), 4, 8, 1e-5);
        NDArray x = manager.randomNormal(new Shape(2, 8, 3, 5)).mul(3).add(1);
        NDArray grouped = x.reshape(2, 4, -1);
        NDArray mean = grouped.mean(new int[] {2}, true);
        NDArray variance = grouped.sub(mean).square().mean(new int[] {2}, true);
        NDArray normalized = grouped.sub(mean).div(variance.add(1e-5f).sqrt()).reshape(x.getShape());
        NDArray expected = normalized.mul(w.get("norm.weight", 8).reshape(1, 8, 1, 1))
                .add(w.get("norm.bias", 8).reshape(1, 8, 1, 1));
        assertClose(expected, norm.forward(x), 1e-4);
        assertThrows(IllegalArgumentException.class, () -> GroupNorm.load(w.at("bad"), 3, 8, 1e-5));
    }

    @Test
    void layerNormNormalisesTheLastAxis() {
        Weights w = random(6);
        LayerNorm norm = LayerNorm.load(w.at("ln"), 6, 1e-5);
        NDArray x = manager.randomNormal(new Shape(2, 3, 6));
        NDArray mean = x.mean(new int[] {2}, true);
        NDArray variance = x.sub(mean).square().mean(new int[] {2}, true);
        NDArray expected = x.sub(mean).div(variance.add(1e-5f).sqrt())
                .mul(w.get("ln.weight", 6)).add(w.get("ln.bias", 6));
        assertClose(expected, norm.forward(x), 1e-4);
    }

    @Test
    void embeddingLooksUpRowsAndRejectsOutOfRangeIds() {
        Weights w = random(7);
        Embedding embedding = Embedding.load(w.at("token_embedding"), 10, 4);
        NDArray ids = manager.create(new long[] {3, 0, 9}, new Shape(1, 3));
        NDArray vectors = embedding.forward(ids);
        assertEquals(new Shape(1, 3, 4), vectors.getShape());
        assertClose(embedding.weight().get(9), vectors.get(new NDIndex("0, 2")), 0);
        assertThrows(IllegalArgumentException.class,
                () -> embedding.forward(manager.create(new long[] {10}, new Shape(1, 1))));
    }

    @Test
    void activationsFollowTheirFormulas() {
        NDArray x = manager.create(new float[] {-2f, 0f, 1.5f});
        float[] silu = Activations.silu(x).toFloatArray();
        float[] quick = Activations.quickGelu(x).toFloatArray();
        float[] gelu = Activations.gelu(x).toFloatArray();
        float[] values = x.toFloatArray();
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            assertEquals(v / (1 + Math.exp(-v)), silu[i], 1e-6);
            assertEquals(v / (1 + Math.exp(-1.702 * v)), quick[i], 1e-6);
        }
        assertEquals(1.5 * 0.9331928, gelu[2], 1e-5); // x * Phi(x), erf form
    }

    @Test
    void slicedAttentionEqualsTheDirectFormula() {
        int heads = 2;
        NDArray q = manager.randomNormal(new Shape(2, 7, 8));
        NDArray k = manager.randomNormal(new Shape(2, 5, 8));
        NDArray v = manager.randomNormal(new Shape(2, 5, 6));
        NDArray whole = Attention.scaledDotProduct(q, k, v, heads, null, 0);
        NDArray sliced = Attention.scaledDotProduct(q, k, v, heads, null, 3);
        assertEquals(new Shape(2, 7, 6), whole.getShape());
        assertClose(whole, sliced, 1e-5);

        NDArray qh = q.reshape(2, 7, 2, 4).transpose(0, 2, 1, 3);
        NDArray kh = k.reshape(2, 5, 2, 4).transpose(0, 2, 1, 3);
        NDArray vh = v.reshape(2, 5, 2, 3).transpose(0, 2, 1, 3);
        NDArray expected = qh.matMul(kh.transpose(0, 1, 3, 2)).div(2).softmax(-1).matMul(vh)
                .transpose(0, 2, 1, 3).reshape(2, 7, 6);
        assertClose(expected, whole, 1e-5);
    }

    @Test
    void maskedSlicedAttentionRespectsACausalMask() {
        NDArray x = manager.randomNormal(new Shape(1, 6, 8));
        float[] maskValues = new float[36];
        for (int i = 0; i < 6; i++) {
            for (int j = i + 1; j < 6; j++) {
                maskValues[i * 6 + j] = Float.NEGATIVE_INFINITY;
            }
        }
        NDArray mask = manager.create(maskValues, new Shape(1, 1, 6, 6));
        NDArray whole = Attention.scaledDotProduct(x, x, x, 2, mask, 0);
        NDArray sliced = Attention.scaledDotProduct(x, x, x, 2, mask, 4);
        assertClose(whole, sliced, 1e-5);
        // the first token sees only itself
        assertClose(x.get(new NDIndex(":, 0:1, :")), whole.get(new NDIndex(":, 0:1, :")), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> Attention.scaledDotProduct(x, x, x, 3, null, 0));
    }

    @Test
    void forwardLeavesNothingBehindInTheWeightsManager() {
        Weights w = random(9);
        Linear linear = Linear.load(w.at("fc"), 8, 8, true);
        Conv2d conv = Conv2d.load(w.at("conv"), 8, 8, 3, 1, 1, true);
        GroupNorm groupNorm = GroupNorm.load(w.at("gn"), 4, 8, 1e-5);
        LayerNorm layerNorm = LayerNorm.load(w.at("ln"), 8, 1e-5);
        Embedding embedding = Embedding.load(w.at("emb"), 10, 8);
        int before = manager.getManagedArrays().size();
        try (NDManager step = manager.newSubManager()) {
            NDArray image = step.randomNormal(new Shape(1, 8, 4, 4));
            groupNorm.forward(conv.forward(image));
            NDArray tokens = embedding.forward(step.create(new long[] {1, 2, 3}, new Shape(1, 3)));
            linear.forward(layerNorm.forward(tokens));
        }
        assertEquals(before, manager.getManagedArrays().size());
    }
}
