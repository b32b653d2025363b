package com.pawprint.labeling.storage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The caption of one photo of a dataset. */
@Entity
@Table(name = "captions")
@IdClass(Caption.Key.class)
public class Caption extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Id
    @Column(name = "photo_id")
    public UUID photoId;

    /** The photo's place in the order's manifest; metadata.csv follows it. */
    @Column(nullable = false)
    public int position;

    /** The normalized copy under datasets/{job}/images/. */
    @Column(name = "image_key", nullable = false)
    public String imageKey;

    @Column(name = "thumbnail_key", nullable = false)
    public String thumbnailKey;

    @Column(nullable = false)
    public String caption;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static List<Caption> ofDataset(UUID jobId) {
        return list("jobId = ?1 order by position", jobId);
    }

    public static class Key implements Serializable {
        public UUID jobId;
        public UUID photoId;

        public Key() {
        }

        public Key(UUID jobId, UUID photoId) {
            this.jobId = jobId;
            this.photoId = photoId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(jobId, key.jobId) && Objects.equals(photoId, key.photoId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, photoId);
        }
    }
}
