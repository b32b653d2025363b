package com.pawprint.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class JwtCodecTest {

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final Duration MAX_LIFETIME = Duration.ofHours(1);
    static final UUID KEY = UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f");

    static JwtCodec codecAt(Instant now) {
        return new JwtCodec(SECRET, "pawprint", "pawprint-api", MAX_LIFETIME, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void signedTokenVerifiesWithItsClaims() {
        JwtCodec codec = codecAt(NOW);
        VerifiedToken token = codec.verify(codec.sign("tenant-a", KEY, Duration.ofMinutes(15)));
        assertEquals("tenant-a", token.tenantId());
        assertEquals(KEY, token.apiKeyId());
        assertEquals(NOW, token.issuedAt());
        assertEquals(NOW.plusSeconds(900), token.expiresAt());
        assertTrue(token.tokenId().length() >= 32);
    }

    @Test
    void expiredTokenIsRejected() {
        String token = codecAt(NOW).sign("tenant-a", KEY, Duration.ofMinutes(15));
        JwtCodec later = codecAt(NOW.plus(Duration.ofMinutes(16)));
        assertEquals("token expired", assertThrows(InvalidTokenException.class, () -> later.verify(token)).getMessage());
    }

    @Test
    void tokenWithinClockSkewIsAccepted() {
        String token = codecAt(NOW).sign("tenant-a", KEY, Duration.ofMinutes(15));
        assertEquals("tenant-a", codecAt(NOW.plusSeconds(900 + 10)).verify(token).tenantId());
    }

    @Test
    void aTokenSignedForLongerThanTheMaximumLifetimeIsRejected() {
        String tenYears = codecAt(NOW).sign("tenant-a", KEY, Duration.ofDays(3650));
        assertEquals("token lifetime exceeds 60 minutes",
                assertThrows(InvalidTokenException.class, () -> codecAt(NOW).verify(tenYears)).getMessage());
        assertEquals("tenant-a", codecAt(NOW).verify(codecAt(NOW).sign("tenant-a", KEY, MAX_LIFETIME)).tenantId());
    }

    @Test
    void aTokenIssuedInTheFutureIsRejectedBeyondTheClockSkew() {
        String fromTheFuture = codecAt(NOW.plusSeconds(31)).sign("tenant-a", KEY, Duration.ofMinutes(15));
        assertEquals("token issued in the future",
                assertThrows(InvalidTokenException.class, () -> codecAt(NOW).verify(fromTheFuture)).getMessage());
        String withinSkew = codecAt(NOW.plusSeconds(29)).sign("tenant-a", KEY, Duration.ofMinutes(15));
        assertEquals("tenant-a", codecAt(NOW).verify(withinSkew).tenantId());
    }

    @Test
    void otherSecretIsRejected() {
        JwtCodec other = new JwtCodec("another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8),
                "pawprint", "pawprint-api", MAX_LIFETIME, Clock.fixed(NOW, ZoneOffset.UTC));
        String token = other.sign("tenant-a", KEY, Duration.ofMinutes(15));
        assertEquals("bad token signature",
                assertThrows(InvalidTokenException.class, () -> codecAt(NOW).verify(token)).getMessage());
    }

    @Test
    void tamperedClaimsAreRejected() {
        String[] parts = codecAt(NOW).sign("tenant-a", KEY, Duration.ofMinutes(15)).split("\\.");
        String forged = parts[0] + "." + b64("{\"iss\":\"pawprint\",\"sub\":\"tenant-b\",\"aud\":\"pawprint-api\","
                + "\"iat\":" + NOW.getEpochSecond() + ",\"exp\":" + (NOW.getEpochSecond() + 900) + ",\"jti\":\"x\"}")
                + "." + parts[2];
        assertThrows(InvalidTokenException.class, () -> codecAt(NOW).verify(forged));
    }

    @Test
    void aTokenWithoutItsApiKeyIdIsRejected() {
        JwtCodec codec = codecAt(NOW);
        String[] parts = codec.sign("tenant-a", KEY, Duration.ofMinutes(15)).split("\\.");
        String claims = b64("{\"iss\":\"pawprint\",\"sub\":\"tenant-a\",\"aud\":\"pawprint-api\",\"iat\":"
                + NOW.getEpochSecond() + ",\"exp\":" + (NOW.getEpochSecond() + 900) + ",\"jti\":\"x\"}");
        String resigned = resign(parts[0] + "." + claims);
        assertEquals("token lacks its API key id",
                assertThrows(InvalidTokenException.class, () -> codec.verify(resigned)).getMessage());
    }

    /** Signs with the test secret, as a holder of the secret (not a client) could. */
    private static String resign(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void algNoneIsRejected() {
        String[] parts = codecAt(NOW).sign("tenant-a", KEY, Duration.ofMinutes(15)).split("\\.");
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        assertEquals("unsupported token algorithm",
                assertThrows(InvalidTokenException.class, () -> codecAt(NOW).verify(unsigned)).getMessage());
    }

    @Test
    void wrongIssuerAndAudienceAreRejected() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        String foreignIssuer = new JwtCodec(SECRET, "someone-else", "pawprint-api", MAX_LIFETIME, clock)
                .sign("t", KEY, Duration.ofMinutes(1));
        String foreignAudience = new JwtCodec(SECRET, "pawprint", "other-api", MAX_LIFETIME, clock)
                .sign("t", KEY, Duration.ofMinutes(1));
        assertEquals("wrong token issuer",
                assertThrows(InvalidTokenException.class, () -> codecAt(NOW).verify(foreignIssuer)).getMessage());
        assertEquals("wrong token audience",
                assertThrows(InvalidTokenException.class, () -> codecAt(NOW).verify(foreignAudience)).getMessage());
    }

    @Test
    void garbageIsRejectedAsMalformed() {
        for (String garbage : new String[] {"", "a.b", "a.b.c.d", "!!!.???.***", "x".repeat(5000)}) {
            assertThrows(InvalidTokenException.class, () -> codecAt(NOW).verify(garbage), garbage);
        }
    }

    @Test
    void shortSecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new JwtCodec(new byte[31], "pawprint", "pawprint-api",
                MAX_LIFETIME, Clock.systemUTC()));
    }
}
