package com.pawprint.contracts;

import java.util.Objects;

/** A training order was accepted: the pet, its accepted photos and the training config. */
public record PhotosIngested(
        EventMetadata metadata,
        PetProfile pet,
        DatasetManifest dataset,
        TrainingConfig trainingConfig) implements PawEvent {

    public static final String TYPE = "com.pawprint.photos.ingested.v1";

    public PhotosIngested {
        Objects.requireNonNull(metadata, "metadata is required");
        Objects.requireNonNull(pet, "pet is required");
        Objects.requireNonNull(dataset, "dataset is required");
        Objects.requireNonNull(trainingConfig, "trainingConfig is required");
    }

    @Override
    public String topic() {
        return Topics.PHOTOS_INGESTED;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
