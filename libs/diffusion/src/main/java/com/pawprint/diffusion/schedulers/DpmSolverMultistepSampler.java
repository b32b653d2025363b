package com.pawprint.diffusion.schedulers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * DPM-Solver++(2M) (Lu et al. 2022), as diffusers' DPMSolverMultistepScheduler with SD 1.5's config and its
 * defaults: algorithm dpmsolver++, solver order 2 with the midpoint rule, timestep_spacing "linspace" (integer
 * timesteps round(linspace(0, 999, steps + 1)) without the 0, highest first), final sigma 0, first-order first and
 * last steps; optional Karras sigmas (timesteps rounded).
 *
 * <p>The sample is in the variance-preserving form x = alpha x0 + sigma_vp noise (initial noise sigma 1); with the
 * k-diffusion sigma s, alpha = 1 / sqrt(s^2 + 1), sigma_vp = s alpha and lambda = -log s. Each step uses the
 * previous step's x0 prediction, which this instance keeps: one instance per run, steps in order.
 */
public final class DpmSolverMultistepSampler extends AbstractSampler {

    private final PredictionType prediction;
    /** One per step plus the final 0. */
    private final double[] sigmas;
    private NDArray previousDenoised;
    private int previousStep = -1;

    public DpmSolverMultistepSampler(DdpmNoiseSchedule schedule, int steps, boolean karrasSigmas) {
        this(schedule.config().predictionType(),
                roundedTimesteps(schedule, SamplerSteps.requirePositive(steps), karrasSigmas));
    }

    private DpmSolverMultistepSampler(PredictionType prediction, SigmaSchedule.Discretization discretization) {
        super(discretization.timesteps());
        this.prediction = prediction;
        this.sigmas = discretization.sigmas();
    }

    private static SigmaSchedule.Discretization roundedTimesteps(DdpmNoiseSchedule schedule, int steps,
            boolean karrasSigmas) {
        SigmaSchedule sigmaSchedule = new SigmaSchedule(schedule);
        double[] timesteps = new double[steps];
        double[] sigmas = new double[steps + 1];
        if (karrasSigmas) {
            double[] spaced = SigmaSchedule.karras(sigmaSchedule.sigmaMax(), sigmaSchedule.sigmaMin(), steps);
            for (int i = 0; i < steps; i++) {
                sigmas[i] = spaced[i];
                timesteps[i] = Math.rint(sigmaSchedule.timestepOf(spaced[i]));
            }
        } else {
            double last = schedule.trainTimesteps() - 1;
            for (int i = 0; i < steps; i++) {
                timesteps[i] = Math.rint(SigmaSchedule.linspace(0, last, steps + 1, steps - i));
                sigmas[i] = sigmaSchedule.sigmaAt(timesteps[i]);
            }
        }
        return new SigmaSchedule.Discretization(timesteps, sigmas);
    }

    @Override
    public NDArray step(NDArray modelOutput, int step, NDArray sample, NoiseSource noise) {
        SamplerSteps.requireStep(step, steps());
        SamplerSteps.requireSameShape(modelOutput, sample);
        NDArray x = SamplerSteps.float32(sample);
        double s = sigmas[step];
        double alpha = 1 / Math.sqrt(s * s + 1);
        NDArray output = SamplerSteps.float32(modelOutput);
        NDArray denoised = prediction == PredictionType.EPSILON
                ? x.sub(output.mul(s * alpha)).div(alpha)
                : x.mul(alpha).sub(output.mul(s * alpha));

        double next = sigmas[step + 1];
        NDArray result;
        if (next == 0) {
            result = denoised; // lambda_next is +infinity: the step lands on the x0 prediction
        } else {
            double alphaNext = 1 / Math.sqrt(next * next + 1);
            double h = Math.log(s) - Math.log(next);
            NDArray direction = denoised;
            if (previousDenoised != null && previousStep == step - 1) {
                double r = (Math.log(sigmas[step - 1]) - Math.log(s)) / h;
                direction = denoised.add(denoised.sub(previousDenoised).div(2 * r));
            }
            // (sigma_vp_next / sigma_vp) x - alpha_next (e^-h - 1) D, with sigma_vp = s * alpha
            result = x.mul(next * alphaNext / (s * alpha)).sub(direction.mul(alphaNext * Math.expm1(-h)));
        }
        close();
        if (next != 0) {
            NDScope.unregister(denoised);
            previousDenoised = denoised;
            previousStep = step;
        }
        return result.toType(modelOutput.getDataType(), false);
    }

    @Override
    public void close() {
        if (previousDenoised != null) {
            previousDenoised.close();
            previousDenoised = null;
        }
    }
}
