package com.pawprint.diffusion.schedulers;

import ai.djl.ndarray.NDArray;

/**
 * Noise levels for k-diffusion style samplers (Euler, Euler ancestral, DPM++): sigma_t = sqrt((1 - alpha_bar_t) /
 * alpha_bar_t), read at fractional timesteps by linear interpolation (numpy's {@code interp}, as diffusers), the
 * Karras et al. (2022) spacing with rho = 7, and the inverse map from a sigma to a fractional timestep.
 */
final class SigmaSchedule {

    static final double KARRAS_RHO = 7.0;

    private final double[] sigmas;
    private final double[] logSigmas;

    SigmaSchedule(DdpmNoiseSchedule schedule) {
        int n = schedule.trainTimesteps();
        this.sigmas = new double[n];
        this.logSigmas = new double[n];
        for (int t = 0; t < n; t++) {
            sigmas[t] = schedule.sigma(t);
            logSigmas[t] = Math.log(sigmas[t]);
        }
    }

    double sigmaMax() {
        return sigmas[sigmas.length - 1];
    }

    double sigmaMin() {
        return sigmas[0];
    }

    /** sigma at a fractional training timestep. */
    double sigmaAt(double timestep) {
        if (timestep <= 0) {
            return sigmas[0];
        }
        if (timestep >= sigmas.length - 1) {
            return sigmas[sigmas.length - 1];
        }
        int low = (int) Math.floor(timestep);
        double slope = sigmas[low + 1] - sigmas[low];
        return slope * (timestep - low) + sigmas[low];
    }

    /** The fractional timestep whose sigma is {@code sigma}, interpolating log-sigma between neighbours. */
    double timestepOf(double sigma) {
        double logSigma = Math.log(Math.max(sigma, 1e-10));
        int low = 0;
        while (low < logSigmas.length - 2 && logSigmas[low + 1] <= logSigma) {
            low++;
        }
        double weight = (logSigmas[low] - logSigma) / (logSigmas[low] - logSigmas[low + 1]);
        weight = Math.min(1, Math.max(0, weight));
        return (1 - weight) * low + weight * (low + 1);
    }

    /** Timesteps and sigmas of one sampling run; sigmas has one more entry, the final 0. */
    record Discretization(double[] timesteps, double[] sigmas) {
    }

    /**
     * diffusers' EulerDiscreteScheduler with timestep_spacing "linspace": timesteps evenly spaced from the last
     * training timestep to 0, sigma interpolated at each; with Karras spacing, Karras sigmas between those ends and
     * their fractional timesteps.
     */
    Discretization linspace(int steps, boolean karras) {
        double last = sigmas.length - 1;
        double[] timesteps = new double[steps];
        double[] stepSigmas = new double[steps + 1];
        for (int i = 0; i < steps; i++) {
            timesteps[i] = (float) linspace(0, last, steps, steps - 1 - i);
            stepSigmas[i] = sigmaAt(timesteps[i]);
        }
        if (karras) {
            double[] spaced = karras(stepSigmas[0], stepSigmas[steps - 1], steps);
            for (int i = 0; i < steps; i++) {
                stepSigmas[i] = spaced[i];
                timesteps[i] = timestepOf(spaced[i]);
            }
        }
        return new Discretization(timesteps, stepSigmas);
    }

    /** x0 predicted from a sample x = x0 + sigma * noise, for either prediction type. */
    static NDArray denoised(PredictionType prediction, NDArray modelOutput, NDArray sample, double sigma) {
        if (prediction == PredictionType.EPSILON) {
            return sample.sub(modelOutput.mul(sigma));
        }
        return modelOutput.mul(-sigma / Math.sqrt(sigma * sigma + 1)).add(sample.div(sigma * sigma + 1));
    }

    /** {@code count} sigmas from {@code max} down to {@code min}, evenly spaced in sigma^(1/rho). */
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
