package com.pawprint.merch.storage;

import com.pawprint.merch.catalog.BackgroundPolicy;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A client's request to compose one product again with its own placement; runs asynchronously. */
@Entity
@Table(name = "recompose_tasks")
public class RecomposeTask extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "job_id", nullable = false)
    public UUID jobId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String product;

    @Column(nullable = false)
    public String variant;

    @Column(nullable = false)
    public String placement;

    @Column(name = "centre_x")
    public Double centreX;

    @Column(name = "centre_y")
    public Double centreY;

    @Column(nullable = false)
    public double scale;

    @Column(nullable = false)
    public double rotation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BackgroundPolicy background;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TaskStatus status;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "print_file_key")
    public String printFileKey;

    @Column(name = "cut_line_key")
    public String cutLineKey;

    @Column(name = "mockup_key")
    public String mockupKey;

    @Column(name = "thumbnail_key")
    public String thumbnailKey;

    public String warnings;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
