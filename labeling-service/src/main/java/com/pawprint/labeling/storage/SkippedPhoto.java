package com.pawprint.labeling.storage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.util.List;
import java.util.UUID;

/** A photo of the order that is not in the dataset, and why (missing object, undecodable image). */
@Entity
@Table(name = "skipped_photos")
@IdClass(Caption.Key.class)
public class SkippedPhoto extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Id
    @Column(name = "photo_id")
    public UUID photoId;

    @Column(nullable = false)
    public String reason;

    public static List<SkippedPhoto> ofDataset(UUID jobId) {
        return list("jobId", jobId);
    }
}
