package com.pawprint.ingest.rest;

import java.time.Instant;
import java.util.UUID;

/** A new API key; {@code key} is shown only in this answer and cannot be recovered. */
public record ApiKeyResponse(UUID id, String tenantId, String key, String prefix, Instant createdAt) {
}
