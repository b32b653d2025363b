package com.pawprint.contracts;

import java.util.EnumSet;
import java.util.Set;

/**
 * The status of a training job, owned by ingest-service and moved by the stages' events. The legal moves follow the
 * chain; any unfinished job may fail or be cancelled; finished jobs never move again.
 */
public enum JobStatus {
    RECEIVED,
    CAPTIONING,
    AWAITING_REVIEW,
    TRAINING,
    RENDERING,
    COMPOSING,
    DONE,
    FAILED,
    CANCELED;

    public boolean isTerminal() {
        return this == DONE || this == FAILED || this == CANCELED;
    }

    /**
     * Whether a job may move from this status to {@code next}. Staying in the same status is not a transition
     * (a progress report within a status is not checked here).
     */
    public boolean canTransitionTo(JobStatus next) {
        return successors().contains(next);
    }

    private Set<JobStatus> successors() {
        return switch (this) {
            case RECEIVED -> EnumSet.of(CAPTIONING, FAILED, CANCELED);
            // Automatic review goes straight to training; manual review waits for a person.
            case CAPTIONING -> EnumSet.of(AWAITING_REVIEW, TRAINING, FAILED, CANCELED);
            // A reviewer may send the dataset back for new captions.
            case AWAITING_REVIEW -> EnumSet.of(CAPTIONING, TRAINING, FAILED, CANCELED);
            case TRAINING -> EnumSet.of(RENDERING, FAILED, CANCELED);
            case RENDERING -> EnumSet.of(COMPOSING, FAILED, CANCELED);
            case COMPOSING -> EnumSet.of(DONE, FAILED, CANCELED);
            case DONE, FAILED, CANCELED -> EnumSet.noneOf(JobStatus.class);
        };
    }
}
