package com.pawprint.ingest.storage;

import com.pawprint.contracts.PetProfile;
import com.pawprint.contracts.Species;
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

@Entity
@Table(name = "pets")
public class Pet extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Species species;

    public String breed;

    @Column(name = "trigger_token", nullable = false)
    public String triggerToken;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The pet if it exists and belongs to the tenant; another tenant's pet is as absent as an unknown one. */
    public static Optional<Pet> findOfTenant(String tenantId, UUID petId) {
        return find("id = ?1 and tenantId = ?2", petId, tenantId).firstResultOptional();
    }

    public static List<Pet> listOfTenant(String tenantId) {
        return list("tenantId = ?1 order by createdAt, id", tenantId);
    }

    public PetProfile profile() {
        return new PetProfile(name, species, breed, triggerToken);
    }
}
