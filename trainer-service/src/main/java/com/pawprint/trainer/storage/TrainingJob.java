package com.pawprint.trainer.storage;

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

/** One training job, keyed by the order's job id; see V1__trainer_schema.sql for the columns' meaning. */
@Entity
@Table(name = "training_jobs")
public class TrainingJob extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "pet_id", nullable = false)
    public UUID petId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobState status;

    /** The captions.ready event as received: dataset manifest, metadata.csv and caption keys, pet, config. */
    @Column(name = "source_event", nullable = false)
    public String sourceEvent;

    @Column(name = "metadata_csv_key", nullable = false)
    public String metadataCsvKey;

    @Column(name = "config_json", nullable = false)
    public String configJson;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "cancel_requested", nullable = false)
    public boolean cancelRequested;

    public Long step;

    @Column(name = "total_steps")
    public Long totalSteps;

    public Integer epoch;

    public Double loss;

    @Column(name = "version_name")
    public String versionName;

    @Column(name = "lora_key")
    public String loraKey;

    @Column(name = "checkpoint_keys", nullable = false)
    public String checkpointKeys = "[]";

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /**
     * The job with its row locked until the transaction ends. Every change goes through this: the worker's progress,
     * its heartbeat and a cancel run in separate transactions, and unlocked read-modify-writes would lose updates.
     */
    public static TrainingJob locked(UUID jobId) {
        return TrainingJob.findById(jobId, LockModeType.PESSIMISTIC_WRITE);
    }
}
