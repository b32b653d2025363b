package com.pawprint.ingest.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.Stage;
import com.pawprint.ingest.storage.Job;

import java.time.Instant;
import java.util.UUID;

/** A job as clients see it, in REST answers and in webhook payloads alike. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(UUID id, UUID petId, JobStatus status, Stage stage, String failureReason, Progress progress,
                      int photoCount, Instant createdAt, Instant updatedAt) {

    /** Where a running stage is; absent when the stage reported no figures. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Progress(Long step, Long totalSteps, Double percent, Long etaSeconds, Double loss) {
    }

    public static JobView of(Job job) {
        boolean hasProgress = job.progressStep != null || job.progressTotal != null || job.progressPercent != null
                || job.etaSeconds != null || job.loss != null;
        Progress progress = hasProgress
                ? new Progress(job.progressStep, job.progressTotal, job.progressPercent, job.etaSeconds, job.loss)
                : null;
        return new JobView(job.id, job.petId, job.status, job.stage, job.failureReason, progress, job.photoCount,
                job.createdAt, job.updatedAt);
    }
}
