package com.pawprint.ingest.service;

import com.pawprint.contracts.Species;
import com.pawprint.ingest.storage.Pet;
import com.pawprint.web.Problem.FieldError;
import com.pawprint.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@ApplicationScoped
public class PetService {

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_BREED_LENGTH = 100;

    private final Clock clock;

    public PetService(Clock clock) {
        this.clock = clock;
    }

    /** A new pet, after checking every field; all problems are reported together. */
    @Transactional
    public Pet create(String tenantId, String name, String species, String breed, String triggerToken) {
        List<FieldError> errors = new ArrayList<>();
        String trimmedName = name == null ? "" : name.strip();
        if (trimmedName.isEmpty()) {
            errors.add(new FieldError("name", "name is required"));
        } else if (trimmedName.length() > MAX_NAME_LENGTH || hasControlCharacters(trimmedName)) {
            errors.add(new FieldError("name", "name must be at most " + MAX_NAME_LENGTH
                    + " printable characters"));
        }
        Species parsedSpecies = parseSpecies(species);
        if (parsedSpecies == null) {
            errors.add(new FieldError("species", "species must be one of cat, dog, other, got "
                    + (species == null ? "nothing" : "'" + species + "'")));
        }
        String trimmedBreed = breed == null || breed.isBlank() ? null : breed.strip();
        if (trimmedBreed != null && (trimmedBreed.length() > MAX_BREED_LENGTH || hasControlCharacters(trimmedBreed))) {
            errors.add(new FieldError("breed", "breed must be at most " + MAX_BREED_LENGTH + " printable characters"));
        }
        if (triggerToken != null && !TriggerTokens.isValid(triggerToken)) {
            errors.add(new FieldError("triggerToken", "triggerToken must be " + TriggerTokens.FORMAT_DESCRIPTION));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessableFields("the pet has invalid fields", errors);
        }
        Pet pet = new Pet();
        pet.id = UUID.randomUUID();
        pet.tenantId = tenantId;
        pet.name = trimmedName;
        pet.species = parsedSpecies;
        pet.breed = trimmedBreed;
        pet.triggerToken = triggerToken != null ? triggerToken : TriggerTokens.derive(trimmedName, parsedSpecies);
        pet.createdAt = clock.instant();
        pet.persist();
        return pet;
    }

    public List<Pet> list(String tenantId) {
        return Pet.listOfTenant(tenantId);
    }

    /** The tenant's pet, or 404 when it does not exist or belongs to another tenant. */
    public Pet get(String tenantId, UUID petId) {
        return Pet.findOfTenant(tenantId, petId).orElseThrow(() -> ProblemException.notFound("pet", petId));
    }

    private static Species parseSpecies(String species) {
        if (species == null) {
            return null;
        }
        return switch (species.strip().toLowerCase(Locale.ROOT)) {
            case "cat" -> Species.CAT;
            case "dog" -> Species.DOG;
            case "other" -> Species.OTHER;
            default -> null;
        };
    }

    private static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
