package com.pawprint.diffusion.pipeline;

import java.time.Duration;

/**
 * Progress after a finished sampler step.
 *
 * @param step       steps done, 1 to {@code totalSteps}
 * @param totalSteps steps of the run
 * @param elapsed    wall time since the run started (text encoding included)
 * @param eta        the remaining steps at the mean step time so far (VAE decoding not included)
 */
public record StepProgress(int step, int totalSteps, Duration elapsed, Duration eta) {

    /** Done fraction of the sampling, 0 to 1. */
    public double fraction() {
        return (double) step / totalSteps;
    }
}
