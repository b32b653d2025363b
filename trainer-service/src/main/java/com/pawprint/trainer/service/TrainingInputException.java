package com.pawprint.trainer.service;

/**
 * The job's input cannot be trained on (a missing or foreign object, an unknown or corrupt base model): retrying
 * will not help, so the job fails with this message as its reason.
 */
public class TrainingInputException extends RuntimeException {

    public TrainingInputException(String message) {
        super(message);
    }
}
