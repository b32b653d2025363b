package com.pawprint.contracts;

import java.util.Objects;

/**
 * A stage reports a status change or progress within a status. Fields that do not apply are null: a labeling
 * report has no loss, a status change has no step, only a FAILED report has a failure reason.
 */
public record JobProgress(
        EventMetadata metadata,
        Stage stage,
        JobStatus status,
        Long step,
        Long totalSteps,
        Double percent,
        Long etaSeconds,
        Double loss,
        String message,
        String failureReason) implements PawEvent {

    public static final String TYPE = "com.pawprint.jobs.progress.v1";

    public JobProgress {
        Objects.requireNonNull(metadata, "metadata is required");
        Objects.requireNonNull(stage, "stage is required");
        Objects.requireNonNull(status, "status is required");
        if (percent != null && (percent < 0 || percent > 100)) {
            throw new IllegalArgumentException("percent must be between 0 and 100, got " + percent);
        }
        if (status == JobStatus.FAILED && (failureReason == null || failureReason.isBlank())) {
            throw new IllegalArgumentException("a FAILED report needs a failureReason");
        }
    }

    /** A status change with no progress figures. */
    public static JobProgress statusChange(EventMetadata metadata, Stage stage, JobStatus status, String message) {
        return new JobProgress(metadata, stage, status, null, null, null, null, null, message, null);
    }

    /** The stage failed; the job ends in FAILED with the reason. */
    public static JobProgress failure(EventMetadata metadata, Stage stage, String reason) {
        return new JobProgress(metadata, stage, JobStatus.FAILED, null, null, null, null, null, null, reason);
    }

    @Override
    public String topic() {
        return Topics.JOBS_PROGRESS;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
