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
 * k-diffusion sigma s, alpha = 1 / sqrt(s^2 + 1), sigma_vp = s alpha and lambda = log alpha - log sigma_vp. The
 * update is diffusers' own, term by term in float32: x' = (sigma_vp' / sigma_vp) x - c D0 - (c / 2) D1 with
 * c = alpha' (e^-h - 1), D0 the x0 prediction and D1 = (D0 - D0_previous) / r. Each step uses the previous step's
 * x0 prediction, which this instance keeps: one instance per run, steps in order.
 */
public final class DpmSolverMultistepSampler extends AbstractSampler {

    private final PredictionType prediction;
    /** One per step plus the final 0, float32 as diffusers steps with them. */
    private final float[] sigmas;
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
        float[] timesteps = new float[steps];
        double[] sigmas;
        if (karrasSigmas) {
            sigmas = SigmaSchedule.karras(sigmaSchedule.sigmaMax(), sigmaSchedule.sigmaMin(), steps);
            for (int i = 0; i < steps; i++) {
                timesteps[i] = (float) Math.rint(sigmaSchedule.timestepOf(sigmas[i]));
            }
        } else {
            sigmas = new double[steps];
            double last = schedule.trainTimesteps() - 1;
            for (int i = 0; i < steps; i++) {
                timesteps[i] = (float) Math.rint(SigmaSchedule.linspace(0, last, steps + 1, steps - i));
                sigmas[i] = sigmaSchedule.sigmaAt(timesteps[i]);
            }
        }
        return new SigmaSchedule.Discretization(timesteps, SigmaSchedule.withFinalZero(sigmas));
    }

    @Override
    public NDArray step(NDArray modelOutput, int step, NDArray sample, NoiseSource noise) {
        SamplerSteps.requireStep(step, steps());
        SamplerSteps.requireSameShape(modelOutput, sample);
        NDArray x = SamplerSteps.float32(sample);
        NDArray output = SamplerSteps.float32(modelOutput);
        NoiseLevel current = NoiseLevel.of(sigmas[step]);
        NDArray denoised = prediction == PredictionType.EPSILON
                ? x.sub(output.mul(current.sigma())).div(current.alpha())
                : x.mul(current.alpha()).sub(output.mul(current.sigma()));

        float nextSigma = sigmas[step + 1];
        NDArray result;
        if (nextSigma == 0) {
            result = denoised; // lambda_next is +infinity: the step lands on the x0 prediction
        } else {
            NoiseLevel next = NoiseLevel.of(nextSigma);
            float h = next.lambda() - current.lambda();
            float decay = next.alpha() * ((float) Math.exp(-h) - 1);
            result = x.mul(next.sigma() / current.sigma()).sub(denoised.mul(decay));
            if (previousDenoised != null && previousStep == step - 1) {
                float r = (current.lambda() - NoiseLevel.of(sigmas[step - 1]).lambda()) / h;
                NDArray correction = denoised.sub(previousDenoised).mul(1 / r);
                result = result.sub(correction.mul(0.5f * decay));
            }
        }
        close();
        if (nextSigma != 0) {
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

    /** diffusers' {@code _sigma_to_alpha_sigma_t} and lambda for a k-diffusion sigma, in float32. */
    private record NoiseLevel(float alpha, float sigma, float lambda) {

        static NoiseLevel of(float kDiffusionSigma) {
            float alpha = 1 / (float) Math.sqrt(kDiffusionSigma * kDiffusionSigma + 1);
            float sigma = kDiffusionSigma * alpha;
            return new NoiseLevel(alpha, sigma, (float) Math.log(alpha) - (float) Math.log(sigma));
        }
    }
}
