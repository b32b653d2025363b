package com.pawprint.diffusion.schedulers;

import ai.djl.ndarray.NDArray;

/**
 * One sampling run of a diffusion sampler, for {@link #steps()} UNet calls. The denoising loop:
 * <pre>
 * latents = noise * initNoiseSigma()
 * for i in 0 until steps():
 *     eps = unet(scaleModelInput(latents, i), timesteps()[i], text)   // guidance is the caller's
 *     latents = step(eps, i, latents, noise)
 * </pre>
 * Arithmetic is done in float32; the result has the model output's data type, on its device. Samplers that keep
 * state between steps (DPM++ 2M) keep one array: it is unregistered from the innermost {@code NDScope} open during
 * {@link #step} and released by {@link #close()}, so run each step in a scope and close the sampler afterwards.
 */
public interface Sampler extends AutoCloseable {

    /** Number of UNet evaluations. */
    int steps();

    /** The timestep given to the UNet at each step, highest first (fractional for Euler samplers). */
    float[] timesteps();

    /** Standard deviation of the starting noise: multiply unit noise by it. */
    float initNoiseSigma();

    /** What the UNet is given at {@code step} for the current {@code sample}. */
    NDArray scaleModelInput(NDArray sample, int step);

    /**
     * The sample after step {@code step}, given the UNet's output for it.
     *
     * @param noise used by stochastic samplers (Euler ancestral, DDIM with eta &gt; 0), ignored by the others
     */
    NDArray step(NDArray modelOutput, int step, NDArray sample, NoiseSource noise);

    @Override
    default void close() {
    }
}
