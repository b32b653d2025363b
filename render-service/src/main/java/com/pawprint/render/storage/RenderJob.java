package com.pawprint.render.storage;

import com.pawprint.contracts.EventMetadata;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An order's renders, keyed by the order's job id; see V1__render_schema.sql. */
@Entity
@Table(name = "render_jobs")
public class RenderJob extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "pet_id", nullable = false)
    public UUID petId;

    @Column(name = "lora_version", nullable = false)
    public String loraVersion;

    /** The lora.trained event as received: its metadata continues the order's chain. */
    @Column(name = "source_event", nullable = false)
    public String sourceEvent;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobState status;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /**
     * A cancel that came before the order's lora.trained: the order, with no LoRA yet, already CANCELED (a
     * tombstone {@code RenderQueue} finds when the LoRA arrives).
     */
    public static RenderJob cancelledBeforeArrival(EventMetadata report, Instant now) {
        RenderJob job = new RenderJob();
        job.jobId = report.jobId();
        job.tenantId = report.tenantId();
        job.petId = report.petId();
        job.loraVersion = "";
        job.sourceEvent = "";
        job.status = JobState.CANCELED;
        job.createdAt = now;
        job.finishedAt = now;
        return job;
    }

    /** Whether this is {@link #cancelledBeforeArrival}'s tombstone rather than an order that was rendering. */
    public boolean isTombstone() {
        return sourceEvent.isEmpty();
    }

    /** The job with its row locked: the last two tasks of a job may finish at once on two replicas. */
    public static RenderJob locked(UUID jobId) {
        return findById(jobId, LockModeType.PESSIMISTIC_WRITE);
    }
}
