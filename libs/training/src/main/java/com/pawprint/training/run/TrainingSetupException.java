package com.pawprint.training.run;

/** A run that cannot start as configured (a base model or network_weights that does not fit), with the fix. */
public final class TrainingSetupException extends RuntimeException {

    public TrainingSetupException(String message) {
        super(message);
    }
}
