package com.pawprint.diffusion.schedulers;

import ai.djl.ndarray.NDArray;

/**
 * Euler's method on the probability-flow ODE (Karras et al. 2022, Algorithm 2 without churn), as diffusers'
 * EulerDiscreteScheduler with SD 1.5's config: timestep_spacing "linspace" (its default, as the config names none),
 * linear sigma interpolation, final sigma 0, optional Karras sigmas.
 */
public final class EulerSampler implements Sampler {

    private final PredictionType prediction;
    private final double[] timesteps;
    private final double[] sigmas;

    public EulerSampler(DdpmNoiseSchedule schedule, int steps, boolean karrasSigmas) {
        SigmaSchedule.Discretization discretization =
                new SigmaSchedule(schedule).linspace(SamplerSteps.requirePositive(steps), karrasSigmas);
        this.prediction = schedule.config().predictionType();
        this.timesteps = discretization.timesteps();
        this.sigmas = discretization.sigmas();
    }

    @Override
    public int steps() {
        return timesteps.length;
    }

    @Override
    public float[] timesteps() {
        return SamplerSteps.toFloats(timesteps);
    }

    /** sigma_max: the first step's noise level (the "linspace" spacing does not add the unit variance). */
    @Override
    public float initNoiseSigma() {
        return (float) sigmas[0];
    }

    /** sample / sqrt(sigma^2 + 1): the UNet expects unit-variance input. */
    @Override
    public NDArray scaleModelInput(NDArray sample, int step) {
        SamplerSteps.requireStep(step, steps());
        double sigma = sigmas[step];
        return sample.div(Math.sqrt(sigma * sigma + 1));
    }

    @Override
    public NDArray step(NDArray modelOutput, int step, NDArray sample, NoiseSource noise) {
        SamplerSteps.requireStep(step, steps());
        SamplerSteps.requireSameShape(modelOutput, sample);
        NDArray x = SamplerSteps.float32(sample);
        double sigma = sigmas[step];
        NDArray denoised = SigmaSchedule.denoised(prediction, SamplerSteps.float32(modelOutput), x, sigma);
        NDArray derivative = x.sub(denoised).div(sigma);
        return x.add(derivative.mul(sigmas[step + 1] - sigma)).toType(modelOutput.getDataType(), false);
    }
}
