package com.pawprint.tenancy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compact HS256 JSON Web Tokens (RFC 7519) with the JDK's HMAC and Jackson: the few claims we issue and nothing
 * else. Verification pins the algorithm to HS256 before looking at the signature, which is what rules out
 * {@code alg: none} and algorithm-confusion tokens.
 */
public final class JwtCodec {

    public static final int MIN_SECRET_BYTES = 32;
    static final String ALGORITHM = "HS256";
    /** Tolerated clock difference between the issuing and the verifying service. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** Far above any token we issue; bounds the work an attacker's input can cause. */
    static final int MAX_TOKEN_LENGTH = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String HEADER = ENCODER.encodeToString(
            ("{\"alg\":\"" + ALGORITHM + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;
    private final String issuer;
    private final String audience;
    private final Duration maxLifetime;
    private final Clock clock;

    /**
     * @param maxLifetime the longest {@code exp - iat} accepted: a token signed for longer (by a leaked secret, or by
     *                    an issuer configured wrongly) is refused whatever it claims
     */
    public JwtCodec(byte[] secret, String issuer, String audience, Duration maxLifetime, Clock clock) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "JWT secret must be at least " + MIN_SECRET_BYTES + " bytes, got " + secret.length);
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.issuer = issuer;
        this.audience = audience;
        this.maxLifetime = maxLifetime;
        this.clock = clock;
    }

    /** The claim naming the API key a token was exchanged for, so that revoking the key can end the token. */
    static final String API_KEY_CLAIM = "key";

    /** A signed token for {@code subject} (the tenant id), exchanged for {@code apiKeyId}, valid for {@code ttl}. */
    public String sign(String subject, UUID apiKeyId, Duration ttl) {
        Instant now = clock.instant();
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", issuer)
                .put("sub", subject)
                .put(API_KEY_CLAIM, apiKeyId.toString())
                .put("aud", audience)
                .put("iat", now.getEpochSecond())
                .put("exp", now.plus(ttl).getEpochSecond())
                .put("jti", UUID.randomUUID().toString());
        String signingInput = HEADER + "." + ENCODER.encodeToString(toJson(claims));
        return signingInput + "." + ENCODER.encodeToString(hmac(signingInput));
    }

    /** The verified claims of {@code token}; throws {@link InvalidTokenException} for anything else. */
    public VerifiedToken verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("malformed token");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("malformed token");
        }
        JsonNode header = parseJson(parts[0]);
        if (!ALGORITHM.equals(header.path("alg").asText())) {
            throw new InvalidTokenException("unsupported token algorithm");
        }
        byte[] signature = decode(parts[2]);
        byte[] expected = hmac(parts[0] + "." + parts[1]);
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new InvalidTokenException("bad token signature");
        }
        JsonNode claims = parseJson(parts[1]);
        if (!issuer.equals(claims.path("iss").asText())) {
            throw new InvalidTokenException("wrong token issuer");
        }
        if (!hasAudience(claims.path("aud"))) {
            throw new InvalidTokenException("wrong token audience");
        }
        Instant now = clock.instant();
        Instant expiresAt = epochSeconds(claims, "exp");
        Instant issuedAt = epochSeconds(claims, "iat");
        if (!now.isBefore(expiresAt.plus(CLOCK_SKEW))) {
            throw new InvalidTokenException("token expired");
        }
        if (issuedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidTokenException("token issued in the future");
        }
        if (Duration.between(issuedAt, expiresAt).compareTo(maxLifetime) > 0) {
            throw new InvalidTokenException("token lifetime exceeds " + maxLifetime.toMinutes() + " minutes");
        }
        String subject = claims.path("sub").asText();
        String tokenId = claims.path("jti").asText();
        if (subject.isBlank() || tokenId.isBlank()) {
            throw new InvalidTokenException("token lacks subject or id");
        }
        return new VerifiedToken(subject, apiKeyId(claims), tokenId, issuedAt, expiresAt);
    }

    private boolean hasAudience(JsonNode aud) {
        if (aud.isTextual()) {
            return audience.equals(aud.asText());
        }
        if (aud.isArray()) {
            for (JsonNode entry : aud) {
                if (audience.equals(entry.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static UUID apiKeyId(JsonNode claims) {
        try {
            return UUID.fromString(claims.path(API_KEY_CLAIM).asText());
        } catch (IllegalArgumentException missingOrMalformed) {
            throw new InvalidTokenException("token lacks its API key id");
        }
    }

    private static Instant epochSeconds(JsonNode claims, String name) {
        JsonNode value = claims.path(name);
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new InvalidTokenException("token lacks " + name);
        }
        return Instant.ofEpochSecond(value.asLong());
    }

    private byte[] hmac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", impossible);
        }
    }

    private static JsonNode parseJson(String part) {
        try {
            JsonNode node = JSON.readTree(decode(part));
            if (node == null || !node.isObject()) {
                throw new InvalidTokenException("malformed token");
            }
            return node;
        } catch (IOException notJson) {
            throw new InvalidTokenException("malformed token");
        }
    }

    private static byte[] decode(String part) {
        try {
            return DECODER.decode(part);
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidTokenException("malformed token");
        }
    }

    private static byte[] toJson(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
