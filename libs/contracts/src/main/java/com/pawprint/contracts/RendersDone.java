package com.pawprint.contracts;

import java.util.List;
import java.util.Objects;

/** The designs of a job are rendered with the pet's LoRA. */
public record RendersDone(
        EventMetadata metadata,
        PetProfile pet,
        String loraVersion,
        List<Render> renders) implements PawEvent {

    public static final String TYPE = "com.pawprint.renders.done.v1";

    public RendersDone {
        Objects.requireNonNull(metadata, "metadata is required");
        Objects.requireNonNull(pet, "pet is required");
        Objects.requireNonNull(loraVersion, "loraVersion is required");
        renders = List.copyOf(Objects.requireNonNull(renders, "renders are required"));
    }

    @Override
    public String topic() {
        return Topics.RENDERS_DONE;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
