package com.pawprint.contracts;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventMetadataTest {

    @Test
    void theNextEventKeepsTheChainButHasItsOwnId() {
        EventMetadata first = SampleEvents.metadata();
        EventMetadata next = first.next(SampleEvents.CLOCK);
        assertNotEquals(first.eventId(), next.eventId());
        assertEquals(first.correlationId(), next.correlationId());
        assertEquals(first.tenantId(), next.tenantId());
        assertEquals(first.petId(), next.petId());
        assertEquals(first.jobId(), next.jobId());
        assertEquals(EventMetadata.CURRENT_SCHEMA_VERSION, next.schemaVersion());
    }

    @Test
    void newChainsGetNewCorrelationIds() {
        assertNotEquals(SampleEvents.metadata().correlationId(), SampleEvents.metadata().correlationId());
    }

    @Test
    void idsAreRequired() {
        assertThrows(NullPointerException.class,
                () -> EventMetadata.newChain(null, UUID.randomUUID(), UUID.randomUUID()));
        assertThrows(IllegalArgumentException.class,
                () -> EventMetadata.newChain(" ", UUID.randomUUID(), UUID.randomUUID()));
    }

    @Test
    void deadLetterTopicsAppendDlq() {
        assertEquals("renders.done.dlq", Topics.deadLetterOf(Topics.RENDERS_DONE));
        assertThrows(IllegalArgumentException.class, () -> Topics.deadLetterOf(""));
    }

    @Test
    void speciesHaveClassWords() {
        assertEquals("cat", Species.CAT.classWord());
        assertEquals("dog", Species.DOG.classWord());
        assertEquals("pet", Species.OTHER.classWord());
    }
}
