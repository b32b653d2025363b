package com.pawprint.trainer.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A training job as its tenant sees it; figures not known yet are null. */
public record TrainingView(
        UUID jobId,
        UUID petId,
        String status,
        Long step,
        Long totalSteps,
        Integer epoch,
        Double loss,
        String versionName,
        String baseModel,
        int attempts,
        String failureReason,
        List<Long> checkpointSteps,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {
}
