package com.pawprint.diffusion.schedulers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Standard-normal noise for initial latents, ancestral sampling and training. */
@FunctionalInterface
public interface NoiseSource {

    /** The next float32 standard-normal array of {@code shape}, on {@code manager}'s device. */
    NDArray gaussian(NDManager manager, Shape shape);

    /** Reproducible noise from {@code seed}, identical on every device and JVM. */
    static NoiseSource seeded(long seed) {
        return new SeededNoise(seed);
    }
}
