package com.pawprint.diffusion.schedulers;

import ai.djl.ndarray.NDArray;

/**
 * DDIM (Song et al. 2021) as diffusers' DDIMScheduler with SD 1.5's config: timestep_spacing "leading" (its
 * default) plus steps_offset 1, so 50 steps run 981, 961, ..., 1; alpha_bar after the last step is alpha_bar[0]
 * (set_alpha_to_one false); no clipping. eta 0 is deterministic; eta 1 matches DDPM's variance. The coefficients are
 * float32, computed from the float32 alpha_bar as diffusers computes them.
 */
public final class DdimSampler extends AbstractSampler {

    private final DdpmNoiseSchedule schedule;
    private final double eta;
    private final int stride;

    public DdimSampler(DdpmNoiseSchedule schedule, int steps) {
        this(schedule, steps, 0);
    }

    public DdimSampler(DdpmNoiseSchedule schedule, int steps, double eta) {
        super(leadingTimesteps(schedule, steps));
        if (!(eta >= 0)) {
            throw new IllegalArgumentException("eta must be at least 0, got " + eta);
        }
        this.schedule = schedule;
        this.eta = eta;
        this.stride = schedule.trainTimesteps() / steps;
    }

    private static float[] leadingTimesteps(DdpmNoiseSchedule schedule, int steps) {
        SamplerSteps.requirePositive(steps);
        if (steps > schedule.trainTimesteps()) {
            throw new IllegalArgumentException(steps + " steps exceed the " + schedule.trainTimesteps()
                    + " training timesteps");
        }
        int stride = schedule.trainTimesteps() / steps;
        float[] timesteps = new float[steps];
        for (int i = 0; i < steps; i++) {
            timesteps[i] = (steps - 1 - i) * stride + schedule.config().stepsOffset();
        }
        if (timesteps[0] >= schedule.trainTimesteps()) {
            throw new IllegalArgumentException("steps_offset " + schedule.config().stepsOffset() + " pushes timestep "
                    + (int) timesteps[0] + " past the schedule");
        }
        return timesteps;
    }

    @Override
    public NDArray step(NDArray modelOutput, int step, NDArray sample, NoiseSource noise) {
        SamplerSteps.requireStep(step, steps());
        SamplerSteps.requireSameShape(modelOutput, sample);
        int timestep = (int) timestep(step);
        int previousTimestep = timestep - stride;
        float alphaBar = schedule.alphaCumprod(timestep);
        float alphaBarPrevious = previousTimestep >= 0 ? schedule.alphaCumprod(previousTimestep)
                : (schedule.config().setAlphaToOne() ? 1 : schedule.alphaCumprod(0));
        float betaProduct = 1 - alphaBar;
        float signal = (float) Math.sqrt(alphaBar);
        float noiseLevel = (float) Math.sqrt(betaProduct);

        NDArray x = SamplerSteps.float32(sample);
        NDArray output = SamplerSteps.float32(modelOutput);
        NDArray predictedX0;
        NDArray predictedNoise;
        if (schedule.config().predictionType() == PredictionType.EPSILON) {
            predictedX0 = x.sub(output.mul(noiseLevel)).div(signal);
            predictedNoise = output;
        } else {
            predictedX0 = x.mul(signal).sub(output.mul(noiseLevel));
            predictedNoise = output.mul(signal).add(x.mul(noiseLevel));
        }
        float variance = (1 - alphaBarPrevious) / betaProduct * (1 - alphaBar / alphaBarPrevious);
        float stdDev = (float) eta * (float) Math.sqrt(variance);
        NDArray previous = predictedX0.mul((float) Math.sqrt(alphaBarPrevious))
                .add(predictedNoise.mul((float) Math.sqrt(1 - alphaBarPrevious - stdDev * stdDev)));
        if (eta > 0) {
            previous = previous.add(noise.gaussian(sample.getManager(), sample.getShape()).mul(stdDev));
        }
        return previous.toType(modelOutput.getDataType(), false);
    }
}
