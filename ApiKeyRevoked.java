package com.pawprint.contracts;

import java.util.Objects;
import java.util.UUID;

/**
 * An operator revoked one of a tenant's API keys at {@code metadata.occurredAt}: every service refuses the tokens
 * exchanged for that key from now on. Tenant-level, so its metadata has no pet and no job.
 */
public record ApiKeyRevoked(EventMetadata metadata, UUID keyId) implements PawEvent {

    public static final String TYPE = "com.pawprint.api-keys.revoked.v1";

    public ApiKeyRevoked {
        Objects.requireNonNull(metadata, "metadata is required");
        Objects.requireNonNull(keyId, "keyId is required");
    }

    @Override
    public String topic() {
        return Topics.API_KEYS_REVOKED;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
