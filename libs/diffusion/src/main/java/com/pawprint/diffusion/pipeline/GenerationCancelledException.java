package com.pawprint.diffusion.pipeline;

import java.util.concurrent.CancellationException;

/** A run stopped through its {@link CancellationToken}; {@link #completedSteps()} says how far it got. */
public final class GenerationCancelledException extends CancellationException {

    private final int completedSteps;
    private final int totalSteps;

    public GenerationCancelledException(int completedSteps, int totalSteps) {
        super("generation cancelled after " + completedSteps + " of " + totalSteps + " steps");
        this.completedSteps = completedSteps;
        this.totalSteps = totalSteps;
    }

    public int completedSteps() {
        return completedSteps;
    }

    public int totalSteps() {
        return totalSteps;
    }
}
