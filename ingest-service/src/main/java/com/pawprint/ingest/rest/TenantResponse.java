package com.pawprint.ingest.rest;

import java.time.Instant;

public record TenantResponse(String id, String name, Instant createdAt) {
}
