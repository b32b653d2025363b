package com.pawprint.labeling.storage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The captioned dataset of one training job. */
@Entity
@Table(name = "datasets")
public class Dataset extends PanacheEntityBase {

    public enum Status {
        /** Captions written; a person reviews them before training. */
        AWAITING_REVIEW,
        /** Captions approved (by a person or automatically) and handed to training; no more edits. */
        APPROVED
    }

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "pet_id", nullable = false)
    public UUID petId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "review_mode", nullable = false)
    public String reviewMode;

    @Column(nullable = false)
    public String captioner;

    @Column(name = "trigger_token", nullable = false)
    public String triggerToken;

    @Column(name = "source_event", nullable = false)
    public String sourceEvent;

    @Column(name = "metadata_csv_key")
    public String metadataCsvKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "approved_at")
    public Instant approvedAt;
}
