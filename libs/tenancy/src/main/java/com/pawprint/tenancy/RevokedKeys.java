package com.pawprint.tenancy;

import java.util.UUID;

/**
 * Whether the API key a token was exchanged for has been revoked since; a token of a revoked key is refused.
 * ingest-service, which owns the keys, answers from its database within seconds of a revocation. Other services
 * use {@link TokenLifetimeOnly} until revocations reach them as events (not built yet), so there a token outlives
 * its key by at most {@code pawprint.auth.token-ttl}.
 */
public interface RevokedKeys {

    boolean isRevoked(UUID apiKeyId);
}
