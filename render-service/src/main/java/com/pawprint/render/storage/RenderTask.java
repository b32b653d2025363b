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
import java.util.List;
import java.util.UUID;

/** One prompt rendered {@code imageCount} times: a product's preset of an order, or an on-demand request. */
@Entity
@Table(name = "render_tasks")
public class RenderTask extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "pet_id", nullable = false)
    public UUID petId;

    /** The order this render belongs to; null for an on-demand render. */
    @Column(name = "job_id")
    public UUID jobId;

    public String product;

    public String preset;

    /** As A1111 takes it: the LoRAs are {@code <lora:version:strength>} tags in it. */
    @Column(nullable = false)
    public String prompt;

    @Column(name = "negative_prompt", nullable = false)
    public String negativePrompt;

    /** The engine's sampler id ({@code SamplerKind.id()}). */
    @Column(nullable = false)
    public String sampler;

    @Column(nullable = false)
    public int steps;

    @Column(name = "cfg_scale", nullable = false)
    public double cfgScale;

    @Column(nullable = false)
    public int width;

    @Column(nullable = false)
    public int height;

    /** Image {@code i} uses {@code seed + i}. */
    @Column(nullable = false)
    public long seed;

    @Column(name = "image_count", nullable = false)
    public int imageCount;

    @Column(name = "base_model", nullable = false)
    public String baseModel;

    @Column(name = "lora_key")
    public String loraKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TaskState status;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "cancel_requested", nullable = false)
    public boolean cancelRequested;

    @Column(name = "images_done", nullable = false)
    public int imagesDone;

    /** The sampler step of the image being rendered. */
    public Integer step;

    @Column(name = "eta_seconds")
    public Long etaSeconds;

    /** JSON array of {@code RenderedImage}. */
    @Column(nullable = false)
    public String results;

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

    /** The task with its row locked: the worker's progress, its heartbeat and a cancel meet here. */
    public static RenderTask locked(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The order's tasks with their rows locked, in id order (so two lockers never wait on each other). */
    public static List<RenderTask> lockedOfJob(UUID jobId) {
        return find("jobId = ?1 order by id", jobId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public static List<RenderTask> ofJob(UUID jobId) {
        return list("jobId = ?1 order by createdAt, id", jobId);
    }
}
