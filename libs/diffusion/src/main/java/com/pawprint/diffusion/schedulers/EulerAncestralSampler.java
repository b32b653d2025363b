package com.pawprint.diffusion.schedulers;

import ai.djl.ndarray.NDArray;

/**
 * Euler ancestral ("Euler a"), as diffusers' EulerAncestralDiscreteScheduler with SD 1.5's config (timestep_spacing
 * "linspace"): an Euler step down to sigma_down, then fresh noise of standard deviation sigma_up, where
 * sigma_up^2 = sigma_next^2 (sigma^2 - sigma_next^2) / sigma^2 and sigma_down^2 = sigma_next^2 - sigma_up^2, both in
 * float32 as diffusers computes them.
 * Karras sigmas are an option here as in k-diffusion and A1111 ("Euler a Karras"); diffusers lacks it.
 */
public final class EulerAncestralSampler extends SigmaSampler {

    public EulerAncestralSampler(DdpmNoiseSchedule schedule, int steps, boolean karrasSigmas) {
        super(schedule, steps, karrasSigmas);
    }

    @Override
    public NDArray step(NDArray modelOutput, int step, NDArray sample, NoiseSource noise) {
        SamplerSteps.requireStep(step, steps());
        SamplerSteps.requireSameShape(modelOutput, sample);
        NDArray x = SamplerSteps.float32(sample);
        float sigma = sigmas[step];
        float next = sigmas[step + 1];
        float sigmaUp = (float) Math.sqrt(next * next * (sigma * sigma - next * next) / (sigma * sigma));
        float sigmaDown = (float) Math.sqrt(next * next - sigmaUp * sigmaUp);
        NDArray denoised = SigmaSchedule.denoised(prediction, SamplerSteps.float32(modelOutput), x, sigma);
        NDArray previous = x.add(x.sub(denoised).div(sigma).mul(sigmaDown - sigma));
        if (sigmaUp > 0) {
            previous = previous.add(noise.gaussian(sample.getManager(), sample.getShape()).mul(sigmaUp));
        }
        return previous.toType(modelOutput.getDataType(), false);
    }
}
