package com.pawprint.ingest.rest;

import com.pawprint.contracts.Species;
import com.pawprint.ingest.storage.Pet;

import java.time.Instant;
import java.util.UUID;

public record PetResponse(UUID id, String name, Species species, String breed, String triggerToken,
                          Instant createdAt) {

    static PetResponse of(Pet pet) {
        return new PetResponse(pet.id, pet.name, pet.species, pet.breed, pet.triggerToken, pet.createdAt);
    }
}
