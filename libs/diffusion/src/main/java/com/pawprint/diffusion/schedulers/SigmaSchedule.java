package com.pawprint.diffusion.schedulers;

import ai.djl.ndarray.NDArray;

/**
 * Noise levels for k-diffusion style samplers (Euler, Euler ancestral, DPM++): sigma_t = sqrt((1 - alpha_bar_t) /
 * alpha_bar_t), read at fractional timesteps by linear interpolation (numpy's {@code interp}, as diffusers), the
 * Karras et al. (2022) spacing with rho = 7, and the inverse map from a sigma to a fractional timestep.
 *
 * <p>Precision follows diffusers' {@code set_timesteps}: the training sigmas and their logs are float32 (torch
 * tensors turned into numpy arrays), everything numpy derives from them (interp, linspace, the Karras ramp,
 * {@code _sigma_to_t}) is float64, and what the sampler finally steps with, the sigmas and timesteps, is float32.
 * numpy's vectorised float32 log can differ from the correctly rounded one used here by an ulp, which moves a
 * Karras timestep by at most one float32 ulp (6e-5 near 1000).
 */
final class SigmaSchedule {

    static final double KARRAS_RHO = 7.0;

    private final float[] sigmas;
    private final float[] logSigmas;

    SigmaSchedule(DdpmNoiseSchedule schedule) {
        int n = schedule.trainTimesteps();
        this.sigmas = new float[n];
        this.logSigmas = new float[n];
        for (int t = 0; t < n; t++) {
            sigmas[t] = schedule.sigma(t);
            logSigmas[t] = (float) Math.log(sigmas[t]);
        }
    }

    float sigmaMax() {
        return sigmas[sigmas.length - 1];
    }

    float sigmaMin() {
        return sigmas[0];
    }

    /** sigma at a fractional training timestep, in float64 from the float32 table as {@code np.interp}. */
    double sigmaAt(double timestep) {
        if (timestep <= 0) {
            return sigmas[0];
        }
        if (timestep >= sigmas.length - 1) {
            return sigmas[sigmas.length - 1];
        }
        int low = (int) Math.floor(timestep);
        double slope = (double) sigmas[low + 1] - sigmas[low];
        return slope * (timestep - low) + sigmas[low];
    }

    /**
     * The fractional timestep whose sigma is {@code sigma}, interpolating log-sigma between neighbours: diffusers'
     * {@code _sigma_to_t}, float64 except for the gap between the two float32 log sigmas, which numpy subtracts in
     * float32.
     */
    double timestepOf(double sigma) {
        double logSigma = Math.log(Math.max(sigma, 1e-10));
        int low = 0;
        while (low < logSigmas.length - 2 && logSigmas[low + 1] <= logSigma) {
            low++;
        }
        float gap = logSigmas[low] - logSigmas[low + 1];
        double weight = (logSigmas[low] - logSigma) / gap;
        weight = Math.min(1, Math.max(0, weight));
        return (1 - weight) * low + weight * (low + 1);
    }

    /** Timesteps and sigmas of one sampling run, float32 as diffusers keeps them; sigmas ends with the final 0. */
    record Discretization(float[] timesteps, float[] sigmas) {
    }

    /**
     * diffusers' EulerDiscreteScheduler with timestep_spacing "linspace": timesteps evenly spaced from the last
     * training timestep to 0 ({@code np.linspace(..., dtype=np.float32)}), sigma interpolated at each; with Karras
     * spacing, Karras sigmas between those ends and their fractional timesteps.
     */
    Discretization linspace(int steps, boolean karras) {
        double last = sigmas.length - 1;
        float[] timesteps = new float[steps];
        double[] stepSigmas = new double[steps];
        for (int i = 0; i < steps; i++) {
            timesteps[i] = (float) linspace(0, last, steps, steps - 1 - i);
            stepSigmas[i] = sigmaAt(timesteps[i]);
        }
        if (karras) {
            stepSigmas = karras(stepSigmas[0], stepSigmas[steps - 1], steps);
            for (int i = 0; i < steps; i++) {
                timesteps[i] = (float) timestepOf(stepSigmas[i]);
            }
        }
        return new Discretization(timesteps, withFinalZero(stepSigmas));
    }

    /** The float32 sigmas a sampler steps with: {@code np.concatenate([sigmas, [0]]).astype(np.float32)}. */
    static float[] withFinalZero(double[] sigmas) {
        float[] result = new float[sigmas.length + 1];
        for (int i = 0; i < sigmas.length; i++) {
            result[i] = (float) sigmas[i];
        }
        return result;
    }

    /**
     * x0 predicted from a sample x = x0 + sigma * noise, for either prediction type, with diffusers' float32
     * coefficients.
     */
    static NDArray denoised(PredictionType prediction, NDArray modelOutput, NDArray sample, float sigma) {
        if (prediction == PredictionType.EPSILON) {
            return sample.sub(modelOutput.mul(sigma));
        }
        float varianceRatio = sigma * sigma + 1;
        return modelOutput.mul(-sigma / (float) Math.sqrt(varianceRatio)).add(sample.div(varianceRatio));
    }

    /** {@code count} sigmas from {@code max} down to {@code min}, evenly spaced in sigma^(1/rho), in float64. */
    static double[] karras(double max, double min, int count) {
        double maxInvRho = Math.pow(max, 1 / KARRAS_RHO);
        double minInvRho = Math.pow(min, 1 / KARRAS_RHO);
        double[] result = new double[count];
        for (int i = 0; i < count; i++) {
            double ramp = count == 1 ? 0 : (i == count - 1 ? 1.0 : i * (1.0 / (count - 1)));
            result[i] = Math.pow(maxInvRho + ramp * (minInvRho - maxInvRho), KARRAS_RHO);
        }
        return result;
    }

    /** numpy's {@code linspace(start, stop, count)}, element {@code i}. */
    static double linspace(double start, double stop, int count, int i) {
        if (count == 1) {
            return start;
        }
        return i == count - 1 ? stop : i * ((stop - start) / (count - 1)) + start;
    }
}
