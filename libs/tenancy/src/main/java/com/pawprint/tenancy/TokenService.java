package com.pawprint.tenancy;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

/**
 * Issues access tokens for tenants (the token exchange in ingest-service) and verifies them (every service).
 * Built at start-up so that a short or missing {@code pawprint.auth.jwt-secret} stops the service at once instead
 * of failing its first request.
 */
@Startup
@ApplicationScoped
public class TokenService {

    private final JwtCodec codec;
    private final AuthConfig config;

    TokenService(AuthConfig config) {
        byte[] secret = config.jwtSecret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < JwtCodec.MIN_SECRET_BYTES) {
            throw new IllegalStateException("pawprint.auth.jwt-secret must be at least " + JwtCodec.MIN_SECRET_BYTES
                    + " bytes, it has " + secret.length);
        }
        if (config.tokenTtl().compareTo(config.maxTokenLifetime()) > 0) {
            throw new IllegalStateException("pawprint.auth.token-ttl (" + config.tokenTtl() + ") exceeds "
                    + "pawprint.auth.max-token-lifetime (" + config.maxTokenLifetime() + ")");
        }
        this.codec = new JwtCodec(secret, config.issuer(), config.audience(), config.maxTokenLifetime(),
                Clock.systemUTC());
        this.config = config;
    }

    /** A bearer token for {@code tenantId}, exchanged for {@code apiKeyId}, valid for pawprint.auth.token-ttl. */
    public IssuedToken issue(String tenantId, UUID apiKeyId) {
        return new IssuedToken(codec.sign(tenantId, apiKeyId, config.tokenTtl()), "Bearer",
                config.tokenTtl().toSeconds());
    }

    /** @throws InvalidTokenException when the token is not one this platform issued and still valid */
    public VerifiedToken verify(String token) {
        return codec.verify(token);
    }
}
