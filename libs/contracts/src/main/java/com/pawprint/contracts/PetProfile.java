package com.pawprint.contracts;

import java.util.Objects;

/** The pet as the stages need it: its trigger token and class word go into captions and prompts. */
public record PetProfile(String name, Species species, String breed, String triggerToken) {

    public PetProfile {
        Objects.requireNonNull(name, "pet name is required");
        Objects.requireNonNull(species, "pet species is required");
        Objects.requireNonNull(triggerToken, "pet triggerToken is required");
    }
}
