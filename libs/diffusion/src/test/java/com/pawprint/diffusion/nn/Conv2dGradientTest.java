package com.pawprint.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Convolution input gradients in fp32 against the same convolution in fp64 (a different kernel), for the shapes
 * where libtorch's fp32 CPU kernel goes wrong on some CPUs: few output channels, kernel 3, as SD's conv_out.
 */
class Conv2dGradientTest {

    @ParameterizedTest
    @CsvSource({"320, 4, 16", "32, 4, 8", "128, 3, 16", "32, 12, 8", "64, 32, 8"})
    void inputGradientsMatchFp64(int in, int out, int size) {
        float[] single = inputGradient(DataType.FLOAT32, in, out, size);
        float[] twice = inputGradient(DataType.FLOAT64, in, out, size);
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < single.length; i++) {
            worst = Math.max(worst, Double.isNaN(single[i]) ? Double.POSITIVE_INFINITY : Math.abs(single[i] - twice[i]));
            scale = Math.max(scale, Math.abs(twice[i]));
        }
        assertTrue(worst <= 1e-5 * scale, "conv " + in + "->" + out + " input gradient off by " + worst + " of "
                + scale);
    }

    private static float[] inputGradient(DataType type, int in, int out, int size) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Weights weights = Weights.of(GeneratedTensorSource.random(1), manager, type);
            Conv2d conv = Conv2d.load(weights.at("conv"), in, out, 3, 1, 1, true);
            NDArray x = random(manager, new Shape(2, in, size, size), 3).toType(type, false).duplicate();
            x.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                collector.backward(conv.forward(x).square().sum());
            }
            return x.getGradient().toType(DataType.FLOAT32, true).toFloatArray();
        }
    }

    private static NDArray random(NDManager manager, Shape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return manager.create(values, shape);
    }
}
