package com.pawprint.render.storage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A LoRA of a pet that lora.trained announced: what an on-demand render may name by its version. */
@Entity
@Table(name = "pet_loras")
public class PetLora extends PanacheEntityBase {

    /** Tenant, pet and version name. */
    @Embeddable
    public record Id(@Column(name = "tenant_id") String tenantId, @Column(name = "pet_id") UUID petId,
                     @Column(name = "version_name") String versionName) implements Serializable {
    }

    @EmbeddedId
    public Id id;

    @Column(name = "lora_key", nullable = false)
    public String loraKey;

    @Column(name = "base_model", nullable = false)
    public String baseModel;

    @Column(name = "trigger_token", nullable = false)
    public String triggerToken;

    @Column(name = "class_word", nullable = false)
    public String classWord;

    @Column(nullable = false)
    public int rank;

    @Column(nullable = false)
    public double alpha;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The pet's LoRAs, newest first. */
    public static List<PetLora> ofPet(String tenantId, UUID petId) {
        return list("id.tenantId = ?1 and id.petId = ?2 order by createdAt desc", tenantId, petId);
    }

    /** The tenant's LoRA of that version: the pet's own first, then any other pet's of the tenant. */
    public static Optional<PetLora> named(String tenantId, UUID petId, String versionName) {
        Optional<PetLora> own = findByIdOptional(new Id(tenantId, petId, versionName));
        if (own.isPresent()) {
            return own;
        }
        List<PetLora> others = list("id.tenantId = ?1 and id.versionName = ?2 order by createdAt desc", tenantId,
                versionName);
        return others.stream().findFirst();
    }
}
