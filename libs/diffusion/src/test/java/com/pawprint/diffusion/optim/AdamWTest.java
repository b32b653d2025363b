package com.pawprint.diffusion.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AdamW against a hand-written copy of torch.optim.AdamW's single-tensor update, and its saved state. */
class AdamWTest {

    private static final int SIZE = 64;
    private static final double[] LEARNING_RATES = {1e-3, 5e-4, 2e-3, 1e-3, 1e-4, 3e-3};

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

    @Test
    void weightsAfterSeveralStepsEqualTorchsFormula() {
        AdamWConfig config = AdamWConfig.defaults();
        float[] start = values(1, 1);
        float[][] gradients = new float[LEARNING_RATES.length][];
        for (int t = 0; t < gradients.length; t++) {
            gradients[t] = values(100 + t, t == 0 ? 1e-3 : 2);
        }
        float[] expected = torchAdamW(start, gradients, config);

        NDArray parameter = manager.create(start);
        try (AdamW adamW = new AdamW(config, manager)) {
            for (int t = 0; t < gradients.length; t++) {
                try (NDArray gradient = manager.create(gradients[t])) {
                    adamW.update("w", parameter, gradient, LEARNING_RATES[t]);
                }
            }
            assertEquals(gradients.length, adamW.steps("w"));
        }
        assertClose(expected, parameter.toFloatArray(), 1e-6);
        assertTrue(maxDifference(expected, djlAdamW(start, gradients)) > 1e-5,
                "the reference tells torch's formula from DJL's (else the test proves nothing)");
    }

    @Test
    void stateSurvivesASaveSoAResumedRunMatchesAStraightOne() {
        float[][] gradients = new float[LEARNING_RATES.length][];
        for (int t = 0; t < gradients.length; t++) {
            gradients[t] = values(200 + t, 1);
        }
        NDArray straight = manager.create(values(2, 1));
        try (AdamW adamW = new AdamW(AdamWConfig.defaults(), manager)) {
            for (int t = 0; t < gradients.length; t++) {
                adamW.update("w", straight, manager.create(gradients[t]), LEARNING_RATES[t]);
            }
        }
        NDArray resumed = manager.create(values(2, 1));
        Path state = dir.resolve("optimizer.safetensors");
        int half = gradients.length / 2;
        try (AdamW first = new AdamW(AdamWConfig.defaults(), manager)) {
            for (int t = 0; t < half; t++) {
                first.update("w", resumed, manager.create(gradients[t]), LEARNING_RATES[t]);
            }
            first.save(state);
        }
        try (AdamW second = new AdamW(AdamWConfig.defaults(), manager)) {
            second.load(state, Map.of("w", resumed));
            assertEquals(half, second.steps("w"));
            for (int t = half; t < gradients.length; t++) {
                second.update("w", resumed, manager.create(gradients[t]), LEARNING_RATES[t]);
            }
        }
        assertArrayEquals(straight.toFloatArray(), resumed.toFloatArray());

        try (AdamW other = new AdamW(AdamWConfig.defaults(), manager)) {
            IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                    () -> other.load(state, Map.of("v", resumed)));
            assertTrue(foreign.getMessage().contains("'w.exp_avg'"), foreign.getMessage());
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                    () -> other.load(state, Map.of("w", manager.zeros(new ai.djl.ndarray.types.Shape(3)))));
            assertTrue(shape.getMessage().contains("shape"), shape.getMessage());
            assertEquals(0, other.steps("w"), "a refused load changes nothing");
        }
    }

    @Test
    void halfPrecisionParametersKeepAnFp32MasterSoTinyUpdatesAccumulate() {
        float[] start = new float[SIZE];
        java.util.Arrays.fill(start, 1f);
        float[][] gradients = new float[100][];
        double[] rates = new double[gradients.length];
        for (int t = 0; t < gradients.length; t++) {
            gradients[t] = values(300 + t, 1);
            for (int i = 0; i < SIZE; i++) {
                gradients[t][i] = Math.abs(gradients[t][i]) + 0.1f;
            }
            rates[t] = 1e-5;
        }
        float[] expected = torchAdamW(start, gradients, AdamWConfig.defaults(), rates);
        NDArray half = manager.create(start).toType(DataType.FLOAT16, true);
        NDArray unmastered = manager.create(start).toType(DataType.FLOAT16, true);
        try (AdamW adamW = new AdamW(AdamWConfig.defaults(), manager)) {
            for (int t = 0; t < gradients.length; t++) {
                NDArray gradient = manager.create(gradients[t]).toType(DataType.FLOAT16, true);
                adamW.update("w", half, gradient, rates[t]);
                // What an fp16 optimizer would do: each update of ~1e-5 rounds away against 1.0's spacing of 1e-3.
                unmastered.subi(gradient.sign().mul(1e-5f).toType(DataType.FLOAT16, false));
            }
            assertEquals(DataType.FLOAT16, half.getDataType());
            float[] rounded = half.toType(DataType.FLOAT32, true).toFloatArray();
            for (int i = 0; i < SIZE; i++) {
                assertEquals(expected[i], rounded[i], 1e-3, "element " + i + " follows the fp32 master");
            }
            assertTrue(maxDifference(rounded, start) > 1e-4, "100 updates of 1e-5 moved the fp16 weights");
            assertEquals(0, maxDifference(unmastered.toType(DataType.FLOAT32, true).toFloatArray(), start),
                    "without a master copy the same updates are lost");
        }
    }

    @Test
    void lossScalerHalvesOnOverflowAndGrowsAfterTheInterval() {
        LossScaler scaler = LossScaler.resumed(1024, 3, 0);
        assertFalse(scaler.afterStep(false));
        assertEquals(512, scaler.scale());
        assertTrue(scaler.afterStep(true));
        assertTrue(scaler.afterStep(true));
        assertEquals(512, scaler.scale());
        assertTrue(scaler.afterStep(true));
        assertEquals(1024, scaler.scale());
        assertEquals(0, scaler.goodSteps());
        LossScaler off = LossScaler.disabled();
        assertFalse(off.afterStep(false), "without scaling an overflow is refused");
        assertEquals(1, off.scale());
        assertEquals(LossScaler.INITIAL_SCALE, LossScaler.dynamic().scale());
    }

    @Test
    void refusesOutOfRangeSettings() {
        assertThrows(IllegalArgumentException.class, () -> new AdamWConfig(1, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdamWConfig(0.9, 0.999, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdamWConfig(0.9, 0.999, 1e-8, -1));
        try (AdamW adamW = new AdamW(AdamWConfig.defaults(), manager)) {
            NDArray w = manager.create(values(1, 1));
            assertThrows(IllegalArgumentException.class, () -> adamW.update("w", w, w, Double.NaN));
        }
    }

    /** torch/optim/adamw.py, _single_tensor_adamw, in doubles over fp32 storage as torch keeps it. */
    private static float[] torchAdamW(float[] start, float[][] gradients, AdamWConfig c) {
        return torchAdamW(start, gradients, c, LEARNING_RATES);
    }

    private static float[] torchAdamW(float[] start, float[][] gradients, AdamWConfig c, double[] rates) {
        float[] p = start.clone();
        float[] m = new float[p.length];
        float[] v = new float[p.length];
        for (int t = 1; t <= gradients.length; t++) {
            double lr = rates[t - 1];
            double bias1 = 1 - Math.pow(c.beta1(), t);
            double bias2Sqrt = Math.sqrt(1 - Math.pow(c.beta2(), t));
            for (int i = 0; i < p.length; i++) {
                float g = gradients[t - 1][i];
                p[i] = (float) (p[i] * (1 - lr * c.weightDecay()));
                m[i] = (float) (m[i] + (g - m[i]) * (1 - c.beta1()));
                v[i] = (float) (v[i] * c.beta2() + (1 - c.beta2()) * g * g);
                double denominator = Math.sqrt(v[i]) / bias2Sqrt + c.epsilon();
                p[i] = (float) (p[i] - lr / bias1 * m[i] / denominator);
            }
        }
        return p;
    }

    /** DJL 0.36's Adam update with decoupled decay: eps is added before the bias correction of v. */
    private static float[] djlAdamW(float[] start, float[][] gradients) {
        float[] p = start.clone();
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        for (int t = 1; t <= gradients.length; t++) {
            double lr = LEARNING_RATES[t - 1];
            double corrected = lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
            for (int i = 0; i < p.length; i++) {
                double g = gradients[t - 1][i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                p[i] = (float) (p[i] - corrected * m[i] / (Math.sqrt(v[i]) + 1e-8) - lr * 0.01 * p[i]);
            }
        }
        return p;
    }

    private static float[] values(long seed, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return values;
    }

    private static void assertClose(float[] expected, float[] actual, double relative) {
        for (int i = 0; i < expected.length; i++) {
            double tolerance = relative * Math.max(1, Math.abs(expected[i]));
            assertEquals(expected[i], actual[i], tolerance, "element " + i);
        }
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
