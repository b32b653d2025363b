package com.pawprint.render.storage;

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

    /** The job with its row locked: the last two tasks of a job may finish at once on two replicas. */
    public static RenderJob locked(UUID jobId) {
        return findById(jobId, LockModeType.PESSIMISTIC_WRITE);
    }
}
