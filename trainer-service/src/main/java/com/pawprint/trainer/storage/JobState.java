package com.pawprint.trainer.storage;

/** Where a training job stands in this service (the order's overall status is ingest-service's). */
public enum JobState {
    /** Waiting for a worker. */
    QUEUED,
    /** A worker holds the lease and trains; an expired lease makes the job claimable again. */
    TRAINING,
    /** The LoRA is uploaded and lora.trained is queued in the outbox. */
    COMPLETED,
    /** The run cannot succeed; {@code failure_reason} says why. */
    FAILED,
    /** The order was cancelled; the last checkpoint is kept. */
    CANCELED;

    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == CANCELED;
    }
}
