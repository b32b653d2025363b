package com.pawprint.diffusion.schedulers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How samplers behave inside a real denoising loop: scopes, seeds, data types and bad calls. */
class SamplerLifecycleTest {

    private static final Shape LATENTS = new Shape(1, 4, 2, 2);

    private final DdpmNoiseSchedule schedule = DdpmNoiseSchedule.sd15();
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
    void everySamplerRunsALoopWithOneScopePerStep() {
        for (SamplerKind kind : SamplerKind.values()) {
            float[] first = denoise(kind, 42);
            assertArrayEquals(first, denoise(kind, 42), kind.id() + " is reproducible from a seed");
            for (float value : first) {
                assertFalse(Float.isNaN(value) || Float.isInfinite(value), kind.id());
            }
        }
        assertFalse(Arrays.equals(denoise(SamplerKind.EULER_A, 42), denoise(SamplerKind.EULER_A, 43)));
    }

    @Test
    void keepsTheModelsHalfPrecision() {
        try (Sampler sampler = SamplerKind.DPMPP_2M.create(schedule, 4)) {
            NDArray sample = manager.ones(LATENTS);
            NDArray output = manager.ones(LATENTS).mul(0.5).toType(DataType.FLOAT16, false);
            NDArray next = sampler.step(output, 0, sample, NoiseSource.seeded(0));
            assertEquals(DataType.FLOAT16, next.getDataType());
            assertEquals(DataType.FLOAT16, sampler.step(output, 1, next, NoiseSource.seeded(0)).getDataType());
        }
    }

    @Test
    void rejectsStepsOutsideTheRunAndMismatchedShapes() {
        for (SamplerKind kind : SamplerKind.values()) {
            try (Sampler sampler = kind.create(schedule, 3)) {
                NDArray sample = manager.ones(LATENTS);
                NoiseSource noise = NoiseSource.seeded(0);
                assertThrows(IllegalArgumentException.class, () -> sampler.step(sample, 3, sample, noise), kind.id());
                assertThrows(IllegalArgumentException.class, () -> sampler.scaleModelInput(sample, -1), kind.id());
                assertThrows(IllegalArgumentException.class,
                        () -> sampler.step(manager.ones(new Shape(1, 4, 2)), 0, sample, noise), kind.id());
            }
        }
    }

    /** The pipeline's loop with a stand-in UNet (0.1 * input), each step in its own scope. */
    private float[] denoise(SamplerKind kind, long seed) {
        NoiseSource noise = NoiseSource.seeded(seed);
        try (Sampler sampler = kind.create(schedule, 6)) {
            NDArray latents = noise.gaussian(manager, LATENTS).mul(sampler.initNoiseSigma());
            for (int i = 0; i < sampler.steps(); i++) {
                try (NDScope scope = new NDScope()) {
                    NDArray input = sampler.scaleModelInput(latents, i);
                    NDArray next = sampler.step(input.mul(0.1), i, latents, noise);
                    NDScope.unregister(next);
                    latents = next;
                }
            }
            return latents.toFloatArray();
        }
    }
}
