package com.pawprint.diffusion.schedulers;

import ai.djl.ndarray.NDArray;

/**
 * Samplers in k-diffusion's form x = x0 + sigma noise over diffusers' "linspace" timesteps (Euler, Euler
 * ancestral): the starting noise has standard deviation sigma_max, and the UNet, trained on unit-variance input,
 * is given x / sqrt(sigma^2 + 1).
 */
abstract class SigmaSampler extends AbstractSampler {

    protected final PredictionType prediction;
    /** One per step plus the final 0, float32 as diffusers steps with them. */
    protected final float[] sigmas;

    SigmaSampler(DdpmNoiseSchedule schedule, int steps, boolean karrasSigmas) {
        this(schedule.config().predictionType(),
                new SigmaSchedule(schedule).linspace(SamplerSteps.requirePositive(steps), karrasSigmas));
    }

    private SigmaSampler(PredictionType prediction, SigmaSchedule.Discretization discretization) {
        super(discretization.timesteps());
        this.prediction = prediction;
        this.sigmas = discretization.sigmas();
    }

    /** sigma_max: the first step's noise level (the "linspace" spacing does not add the unit variance). */
    @Override
    public final float initNoiseSigma() {
        return sigmas[0];
    }

    @Override
    public final NDArray scaleModelInput(NDArray sample, int step) {
        SamplerSteps.requireStep(step, steps());
        float sigma = sigmas[step];
        return sample.div((float) Math.sqrt(sigma * sigma + 1));
    }
}
