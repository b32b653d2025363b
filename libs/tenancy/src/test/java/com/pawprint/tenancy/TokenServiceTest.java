package com.pawprint.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenServiceTest {

    record Config(String jwtSecret, Optional<String> adminToken, Duration tokenTtl, Duration maxTokenLifetime,
                  String issuer, String audience) implements AuthConfig {}

    static Config config(String secret) {
        return new Config(secret, Optional.empty(), Duration.ofMinutes(5), Duration.ofHours(1), "pawprint",
                "pawprint-api");
    }

    @Test
    void aTokenTtlAboveTheMaximumLifetimeStopsTheService() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new TokenService(
                new Config("s".repeat(32), Optional.empty(), Duration.ofHours(2), Duration.ofHours(1), "pawprint",
                        "pawprint-api")));
        assertTrue(refused.getMessage().contains("pawprint.auth.max-token-lifetime"), refused.getMessage());
    }

    @Test
    void shortSecretStopsTheService() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new TokenService(config("x".repeat(31))));
        assertTrue(refused.getMessage().contains("pawprint.auth.jwt-secret"), refused.getMessage());
    }

    @Test
    void secretLengthCountsUtf8Bytes() {
        TokenService tokens = new TokenService(config("é".repeat(16)));
        assertEquals("tenant-a", tokens.verify(tokens.issue("tenant-a", UUID.randomUUID()).accessToken()).tenantId());
    }

    @Test
    void issuedTokenCarriesTenantAndConfiguredLifetime() {
        TokenService tokens = new TokenService(config("s".repeat(32)));
        IssuedToken issued = tokens.issue("tenant-a", UUID.randomUUID());
        assertEquals("Bearer", issued.tokenType());
        assertEquals(300, issued.expiresInSeconds());
        VerifiedToken verified = tokens.verify(issued.accessToken());
        assertEquals("tenant-a", verified.tenantId());
        assertEquals(Duration.ofMinutes(5), Duration.between(verified.issuedAt(), verified.expiresAt()));
    }
}
