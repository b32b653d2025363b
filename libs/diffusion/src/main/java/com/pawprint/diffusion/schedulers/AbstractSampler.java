package com.pawprint.diffusion.schedulers;

import ai.djl.ndarray.NDArray;

/**
 * What every sampler here shares: its timesteps, fixed at construction, highest first. The defaults for
 * {@link #initNoiseSigma()} and {@link #scaleModelInput} suit a sample in variance-preserving form
 * x = sqrt(alpha_bar) x0 + sqrt(1 - alpha_bar) noise (DDIM, DPM++): unit starting noise, given to the UNet as is.
 * Samplers in k-diffusion's form x = x0 + sigma noise override both ({@link SigmaSampler}).
 */
abstract class AbstractSampler implements Sampler {

    private final float[] timesteps;

    AbstractSampler(float[] timesteps) {
        this.timesteps = timesteps;
    }

    @Override
    public final int steps() {
        return timesteps.length;
    }

    @Override
    public final float[] timesteps() {
        return timesteps.clone();
    }

    final float timestep(int step) {
        return timesteps[step];
    }

    @Override
    public float initNoiseSigma() {
        return 1f;
    }

    @Override
    public NDArray scaleModelInput(NDArray sample, int step) {
        SamplerSteps.requireStep(step, steps());
        return sample;
    }
}
