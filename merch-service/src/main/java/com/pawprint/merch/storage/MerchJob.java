package com.pawprint.merch.storage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A job whose renders were composed, and the render its products were made from. */
@Entity
@Table(name = "merch_jobs")
public class MerchJob extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "pet_id", nullable = false)
    public UUID petId;

    @Column(name = "design_key", nullable = false)
    public String designKey;

    @Column(name = "design_width", nullable = false)
    public int designWidth;

    @Column(name = "design_height", nullable = false)
    public int designHeight;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
