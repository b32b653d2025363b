package com.pawprint.ingest.storage;

import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.Stage;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A training order and the status the stages report for it. */
@Entity
@Table(name = "jobs")
public class Job extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "pet_id", nullable = false)
    public UUID petId;

    @Column(name = "correlation_id", nullable = false)
    public UUID correlationId;

    @Column(name = "idempotency_key", nullable = false)
    public String idempotencyKey;

    /** SHA-256 of what the order asked for, so a reused Idempotency-Key with another request is recognised. */
    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobStatus status;

    @Enumerated(EnumType.STRING)
    public Stage stage;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "progress_step")
    public Long progressStep;

    @Column(name = "progress_total")
    public Long progressTotal;

    @Column(name = "progress_percent")
    public Double progressPercent;

    @Column(name = "eta_seconds")
    public Long etaSeconds;

    public Double loss;

    /** The validated training config as JSON. */
    @Column(name = "training_config", nullable = false)
    public String trainingConfig;

    @Column(name = "photo_count", nullable = false)
    public int photoCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<Job> findOfTenant(String tenantId, UUID jobId) {
        return find("id = ?1 and tenantId = ?2", jobId, tenantId).firstResultOptional();
    }

    public static Optional<Job> findByIdempotencyKey(String tenantId, String idempotencyKey) {
        return find("tenantId = ?1 and idempotencyKey = ?2", tenantId, idempotencyKey).firstResultOptional();
    }

    public static List<Job> listOfPet(UUID petId) {
        return list("petId = ?1 order by createdAt, id", petId);
    }
}
