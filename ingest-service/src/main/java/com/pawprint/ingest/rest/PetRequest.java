package com.pawprint.ingest.rest;

/** A new pet. {@code species} is cat, dog or other; {@code triggerToken} is derived from the name when absent. */
public record PetRequest(String name, String species, String breed, String triggerToken) {
}
