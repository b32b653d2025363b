package com.pawprint.contracts;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The ids every event carries. A chain of events caused by one training order shares its correlation id; each event
 * has its own event id, on which consumers deduplicate redeliveries.
 */
public record EventMetadata(
        int schemaVersion,
        UUID eventId,
        String tenantId,
        UUID petId,
        UUID jobId,
        UUID correlationId,
        Instant occurredAt) {

    /** The schema version this code writes and reads; see docs/events.md for when it changes. */
    public static final int CURRENT_SCHEMA_VERSION = 1;

    public EventMetadata {
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be at least 1, got " + schemaVersion);
        }
        Objects.requireNonNull(eventId, "eventId is required");
        Objects.requireNonNull(tenantId, "tenantId is required");
        if (tenantId.isBlank()) {
            throw new IllegalArgumentException("tenantId must not be blank");
        }
        Objects.requireNonNull(petId, "petId is required");
        Objects.requireNonNull(jobId, "jobId is required");
        Objects.requireNonNull(correlationId, "correlationId is required");
        Objects.requireNonNull(occurredAt, "occurredAt is required");
    }

    /** Metadata of the first event of a new chain (a new training order). */
    public static EventMetadata newChain(String tenantId, UUID petId, UUID jobId, Clock clock) {
        return new EventMetadata(CURRENT_SCHEMA_VERSION, UUID.randomUUID(), tenantId, petId, jobId,
                UUID.randomUUID(), clock.instant());
    }

    public static EventMetadata newChain(String tenantId, UUID petId, UUID jobId) {
        return newChain(tenantId, petId, jobId, Clock.systemUTC());
    }

    /** Metadata of an event caused by this one: a new event id, the same tenant, pet, job and correlation. */
    public EventMetadata next(Clock clock) {
        return new EventMetadata(CURRENT_SCHEMA_VERSION, UUID.randomUUID(), tenantId, petId, jobId, correlationId,
                clock.instant());
    }

    public EventMetadata next() {
        return next(Clock.systemUTC());
    }
}
