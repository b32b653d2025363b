package com.pawprint.diffusion.pipeline;

/** Told after each sampler step; runs on the generating thread, so it should return quickly. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = progress -> { };

    void onStep(StepProgress progress);
}
