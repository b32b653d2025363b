package com.pawprint.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryObjectStoreTest extends ObjectStoreContract {

    private final InMemoryObjectStore store =
            new InMemoryObjectStore(Duration.ofMinutes(15), Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

    @Override
    ObjectStore store() {
        return store;
    }

    @Test
    void presignedUrlNamesKeyAndExpiry() {
        assertEquals("memory:models%2Fsd15%2Fmodel.safetensors?expires=2026-11-25T10:15:00Z",
                store.presignedGet(ObjectKeys.modelFile("sd15", "model.safetensors")).toString());
    }
}
