package com.pawprint.messaging;

import com.pawprint.contracts.DatasetImage;
import com.pawprint.contracts.DatasetManifest;
import com.pawprint.contracts.EventMetadata;
import com.pawprint.contracts.PetProfile;
import com.pawprint.contracts.PhotosIngested;
import com.pawprint.contracts.Species;
import com.pawprint.contracts.TrainingConfig;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

final class Fixtures {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    static final UUID PET = UUID.fromString("6f1c2a9e-3b4d-4e8a-9c1f-2d7e5a8b0c11");

    private Fixtures() {
    }

    static PhotosIngested photosIngested() {
        UUID photo = UUID.randomUUID();
        String prefix = "tenants/acme/pets/" + PET + "/photos/" + photo;
        return new PhotosIngested(EventMetadata.newChain("acme", PET, UUID.randomUUID(), CLOCK),
                new PetProfile("Mochi", Species.CAT, null, "sks"),
                new DatasetManifest(List.of(new DatasetImage(photo, prefix + "/original", prefix + "/normalized",
                        512, 640, "ab"))),
                TrainingConfig.defaults());
    }

    static MockProducer<String, String> autoCompletingProducer() {
        return new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    }

    static KafkaSender sender(MockProducer<String, String> producer) {
        return new KafkaSender(() -> producer, Duration.ofSeconds(5));
    }
}
