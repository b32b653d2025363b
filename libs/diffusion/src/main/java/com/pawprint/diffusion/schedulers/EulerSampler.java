package com.pawprint.diffusion.schedulers;

import ai.djl.ndarray.NDArray;

/**
 * Euler's method on the probability-flow ODE (Karras et al. 2022, Algorithm 2 without churn), as diffusers'
 * EulerDiscreteScheduler with SD 1.5's config: timestep_spacing "linspace" (its default, as the config names none),
 * linear sigma interpolation, final sigma 0, optional Karras sigmas.
 */
public final class EulerSampler extends SigmaSampler {

    public EulerSampler(DdpmNoiseSchedule schedule, int steps, boolean karrasSigmas) {
        super(schedule, steps, karrasSigmas);
    }

    @Override
    public NDArray step(NDArray modelOutput, int step, NDArray sample, NoiseSource noise) {
        SamplerSteps.requireStep(step, steps());
        SamplerSteps.requireSameShape(modelOutput, sample);
        NDArray x = SamplerSteps.float32(sample);
        float sigma = sigmas[step];
        NDArray denoised = SigmaSchedule.denoised(prediction, SamplerSteps.float32(modelOutput), x, sigma);
        NDArray derivative = x.sub(denoised).div(sigma);
        return x.add(derivative.mul(sigmas[step + 1] - sigma)).toType(modelOutput.getDataType(), false);
    }
}
