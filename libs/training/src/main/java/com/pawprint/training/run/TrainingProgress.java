package com.pawprint.training.run;

/** Where a run stands after an optimizer step, for progress bars and job status. */
public record TrainingProgress(long step, long totalSteps, int epoch, int epochs, double loss, double averageLoss,
        double iterationsPerSecond, double etaSeconds) {

    public double percent() {
        return totalSteps == 0 ? 100 : 100.0 * step / totalSteps;
    }
}
