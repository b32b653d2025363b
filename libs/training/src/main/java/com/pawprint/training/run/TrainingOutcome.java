package com.pawprint.training.run;

import java.nio.file.Path;
import java.util.List;

/**
 * How a run ended. {@code lora} is the final file (null unless completed); {@code reason} says why a run failed or
 * stopped; {@code bestCheckpoint} is the checkpoint of lowest validation loss when one was measured, and
 * {@code overfitting} says the validation loss rose after it.
 */
public record TrainingOutcome(Status status, String reason, Path lora, Path experimentRecord, long steps,
        List<Checkpoint> checkpoints, Path bestCheckpoint, boolean overfitting, Double initialValidationLoss,
        Double finalValidationLoss) {

    public enum Status { COMPLETED, CANCELLED, FAILED }

    public TrainingOutcome {
        checkpoints = List.copyOf(checkpoints);
    }
}
