package com.pawprint.contracts;

import java.util.List;
import java.util.Objects;

/**
 * A LoRA finished training. {@code versionName} names the version like {@code mochi_v1_rank8_ep15} and is the
 * folder under {@code loras/}; the checkpoints and logs stay next to the final LoRA.
 */
public record LoraTrained(
        EventMetadata metadata,
        PetProfile pet,
        String loraKey,
        String versionName,
        int rank,
        double alpha,
        long steps,
        int epochs,
        String baseModel,
        List<String> checkpointKeys,
        List<String> trainingLogKeys,
        TrainingConfig trainingConfig) implements PawEvent {

    public static final String TYPE = "com.pawprint.lora.trained.v1";

    public LoraTrained {
        Objects.requireNonNull(metadata, "metadata is required");
        Objects.requireNonNull(pet, "pet is required");
        Objects.requireNonNull(loraKey, "loraKey is required");
        Objects.requireNonNull(versionName, "versionName is required");
        Objects.requireNonNull(baseModel, "baseModel is required");
        checkpointKeys = checkpointKeys == null ? List.of() : List.copyOf(checkpointKeys);
        trainingLogKeys = trainingLogKeys == null ? List.of() : List.copyOf(trainingLogKeys);
        Objects.requireNonNull(trainingConfig, "trainingConfig is required");
    }

    @Override
    public String topic() {
        return Topics.LORA_TRAINED;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
