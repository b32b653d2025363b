package com.pawprint.ingest.storage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** An accepted photo; rejected files leave no row and no object. */
@Entity
@Table(name = "photos")
public class Photo extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "pet_id", nullable = false)
    public UUID petId;

    @Column(name = "original_key", nullable = false)
    public String originalKey;

    @Column(name = "normalized_key", nullable = false)
    public String normalizedKey;

    @Column(name = "thumbnail_key", nullable = false)
    public String thumbnailKey;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    /** Size of the normalized copy, which is what training reads. */
    @Column(nullable = false)
    public int width;

    @Column(nullable = false)
    public int height;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "perceptual_hash", nullable = false)
    public long perceptualHash;

    @Column(name = "blur_variance", nullable = false)
    public double blurVariance;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<Photo> listOfPet(UUID petId) {
        return list("petId = ?1 order by createdAt, id", petId);
    }

    public static Optional<Photo> findOfPet(UUID petId, UUID photoId) {
        return find("id = ?1 and petId = ?2", photoId, petId).firstResultOptional();
    }
}
