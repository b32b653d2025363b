package com.pawprint.ingest.rest;

import java.time.Instant;
import java.util.UUID;

/** A stored photo; {@code thumbnailUrl} is a presigned GET that expires ({@code pawprint.storage.presign-expiry}). */
public record PhotoResponse(UUID id, UUID petId, String contentType, long sizeBytes, int width, int height,
                            String sha256, String thumbnailUrl, Instant createdAt) {
}
