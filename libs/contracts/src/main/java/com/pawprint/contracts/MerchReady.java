package com.pawprint.contracts;

import java.util.List;
import java.util.Objects;

/** The print files and mockups of a job are composed; the last event of the chain. */
public record MerchReady(
        EventMetadata metadata,
        PetProfile pet,
        List<MerchProduct> products) implements PawEvent {

    public static final String TYPE = "com.pawprint.merch.ready.v1";

    public MerchReady {
        Objects.requireNonNull(metadata, "metadata is required");
        Objects.requireNonNull(pet, "pet is required");
        products = List.copyOf(Objects.requireNonNull(products, "products are required"));
    }

    @Override
    public String topic() {
        return Topics.MERCH_READY;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
