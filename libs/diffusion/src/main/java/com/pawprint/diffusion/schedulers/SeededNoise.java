package com.pawprint.diffusion.schedulers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/**
 * Gaussian noise generated in Java and then copied to the device, so a seed gives the same arrays on CPU and GPU,
 * on any libtorch version. {@link SplittableRandom} (SplitMix64) is specified bit for bit, and Box-Muller uses
 * {@link StrictMath}, whose results are fixed across JVMs and CPUs. DJL's own {@code randomNormal} after
 * {@code Engine.setRandomSeed} is not usable for this: each device has its own generator, so CPU and CUDA draw
 * different numbers for one seed. Neither matches torch's generator, so seeds do not reproduce images made with
 * diffusers or A1111.
 *
 * <p>Not thread-safe: one instance per generation.
 */
public final class SeededNoise implements NoiseSource {

    private static final double TWO_PI = 2 * Math.PI;

    private final SplittableRandom random;

    public SeededNoise(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public NDArray gaussian(NDManager manager, Shape shape) {
        return manager.create(next(Math.toIntExact(shape.size())), shape);
    }

    /** The next {@code count} standard-normal values of this stream. */
    public float[] next(int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i += 2) {
            double radius = StrictMath.sqrt(-2 * StrictMath.log(1 - random.nextDouble()));
            double angle = TWO_PI * random.nextDouble();
            values[i] = (float) (radius * StrictMath.cos(angle));
            if (i + 1 < count) {
                values[i + 1] = (float) (radius * StrictMath.sin(angle));
            }
        }
        return values;
    }
}
