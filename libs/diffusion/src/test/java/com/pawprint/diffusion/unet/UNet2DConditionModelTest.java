package com.pawprint.diffusion.unet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.nn.GeneratedTensorSource;
import com.pawprint.diffusion.nn.Weights;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UNet2DConditionModelTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private UNet2DConditionModel tiny(long seed, UNet2DConditionConfig config) {
        return UNet2DConditionModel.load(
                Weights.of(GeneratedTensorSource.random(seed), manager, DataType.FLOAT32), config);
    }

    private NDArray fixed(long seed, long... shape) {
        java.util.Random random = new java.util.Random(seed);
        float[] values = new float[(int) new Shape(shape).size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, new Shape(shape));
    }

    private float[] run(UNet2DConditionModel unet, NDArray timestep) {
        try (NDManager step = manager.newSubManager()) {
            NDArray out = unet.forward(fixed(1, 2, 4, 8, 8).toDevice(step.getDevice(), false), timestep,
                    fixed(2, 2, 5, 64));
            assertEquals(new Shape(2, 4, 8, 8), out.getShape());
            return out.toFloatArray();
        }
    }

    @Test
    void predictionIsDeterminedByTheSeedWithScalarTimestepsBroadcastOverTheBatch() {
        float[] first = run(tiny(7, UNet2DConditionConfig.tiny()), manager.create(new long[] {10, 10}));
        float[] sameSeedScalar = run(tiny(7, UNet2DConditionConfig.tiny()), manager.create(10f));
        float[] otherSeed = run(tiny(8, UNet2DConditionConfig.tiny()), manager.create(10f));
        assertArrayEquals(first, sameSeedScalar, 0f);
        assertFalse(Arrays.equals(first, otherSeed));
    }

    @Test
    void attentionSlicingDoesNotChangeThePrediction() {
        NDArray t = manager.create(500f);
        float[] whole = run(tiny(3, UNet2DConditionConfig.tiny().withQuerySliceSize(0)), t);
        float[] sliced = run(tiny(3, UNet2DConditionConfig.tiny().withQuerySliceSize(24)), t);
        for (int i = 0; i < whole.length; i++) {
            assertEquals(whole[i], sliced[i], 1e-5 + 1e-5 * Math.abs(whole[i]), "element " + i);
        }
    }

    @Test
    void rejectsInputsThatDoNotFitTheConfig() {
        UNet2DConditionModel unet = tiny(7, UNet2DConditionConfig.tiny());
        NDArray t = manager.create(1f);
        assertThrows(IllegalArgumentException.class, () -> unet.forward(manager.zeros(new Shape(1, 3, 8, 8)), t,
                manager.zeros(new Shape(1, 5, 64))));
        assertThrows(IllegalArgumentException.class, () -> unet.forward(manager.zeros(new Shape(1, 4, 8, 8)), t,
                manager.zeros(new Shape(1, 5, 768))));
        assertThrows(IllegalArgumentException.class, () -> unet.forward(manager.zeros(new Shape(2, 4, 8, 8)), t,
                manager.zeros(new Shape(1, 5, 64))));
        assertThrows(IllegalArgumentException.class, () -> unet.forward(manager.zeros(new Shape(2, 4, 8, 8)),
                manager.create(new float[] {1, 2, 3}), manager.zeros(new Shape(2, 5, 64))));
    }
}
