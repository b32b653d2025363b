package com.pawprint.diffusion.schedulers;

/** How betas grow over the training timesteps (diffusers' {@code beta_schedule}). */
public enum BetaSchedule {
    /** Evenly spaced betas from start to end. */
    LINEAR,
    /** Evenly spaced square roots, squared: Stable Diffusion's schedule. */
    SCALED_LINEAR;

    double[] betas(double start, double end, int count) {
        double[] betas = new double[count];
        boolean scaled = this == SCALED_LINEAR;
        double from = scaled ? Math.sqrt(start) : start;
        double to = scaled ? Math.sqrt(end) : end;
        double step = (to - from) / (count - 1);
        for (int i = 0; i < count; i++) {
            double value = i == count - 1 ? to : i * step + from; // numpy/torch linspace arithmetic
            betas[i] = scaled ? value * value : value;
        }
        return betas;
    }
}
