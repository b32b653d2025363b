package com.pawprint.merch.storage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One composed product variant and placement of a job: its files in the bucket and its warnings. */
@Entity
@Table(name = "merch_items")
public class MerchItem extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "job_id", nullable = false)
    public UUID jobId;

    @Column(nullable = false)
    public String product;

    @Column(nullable = false)
    public String variant;

    @Column(nullable = false)
    public String placement;

    @Column(name = "print_file_key", nullable = false)
    public String printFileKey;

    @Column(name = "cut_line_key")
    public String cutLineKey;

    @Column(name = "mockup_key", nullable = false)
    public String mockupKey;

    @Column(name = "thumbnail_key", nullable = false)
    public String thumbnailKey;

    /** The render this item was composed from; null in rows from before products had their own renders. */
    @Column(name = "design_key")
    public String designKey;

    @Column(name = "design_width")
    public Integer designWidth;

    @Column(name = "design_height")
    public Integer designHeight;

    /** One warning per line. */
    @Column(nullable = false)
    public String warnings;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<MerchItem> ofJob(UUID jobId) {
        return list("jobId = ?1 order by product, variant, placement", jobId);
    }
}
