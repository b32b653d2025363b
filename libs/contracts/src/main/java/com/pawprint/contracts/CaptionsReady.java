package com.pawprint.contracts;

import java.util.List;
import java.util.Objects;

/**
 * The dataset is captioned (and reviewed, if the order asked for it): a kohya-style metadata.csv and one caption
 * .txt per image, in the order of the dataset's images.
 */
public record CaptionsReady(
        EventMetadata metadata,
        PetProfile pet,
        DatasetManifest dataset,
        String metadataCsvKey,
        List<String> captionKeys,
        String triggerToken,
        TrainingConfig trainingConfig) implements PawEvent {

    public static final String TYPE = "com.pawprint.captions.ready.v1";

    public CaptionsReady {
        Objects.requireNonNull(metadata, "metadata is required");
        Objects.requireNonNull(pet, "pet is required");
        Objects.requireNonNull(dataset, "dataset is required");
        Objects.requireNonNull(metadataCsvKey, "metadataCsvKey is required");
        captionKeys = List.copyOf(Objects.requireNonNull(captionKeys, "captionKeys are required"));
        Objects.requireNonNull(triggerToken, "triggerToken is required");
        Objects.requireNonNull(trainingConfig, "trainingConfig is required");
    }

    @Override
    public String topic() {
        return Topics.CAPTIONS_READY;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
