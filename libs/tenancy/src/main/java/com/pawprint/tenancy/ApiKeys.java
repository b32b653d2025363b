package com.pawprint.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tenant API keys shaped {@code pp_<prefix>_<secret>}: the prefix (12 lowercase alphanumerics) is stored in clear to
 * find the key's row, the whole key only as a hash.
 *
 * <p>Why plain SHA-256 and not bcrypt/scrypt/argon2: slow, salted hashes exist to make guessing low-entropy
 * passwords expensive. These keys carry 256 bits from {@link SecureRandom}, so no dictionary or brute force can
 * reach them whatever the hash speed, and a fast hash keeps every token exchange cheap. The prefix is part of the
 * hashed text, so a stored hash cannot be moved to another prefix.
 */
public final class ApiKeys {

    public static final String SCHEME = "pp";
    static final int PREFIX_LENGTH = 12;
    static final int SECRET_BYTES = 32;

    private static final char[] PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final Pattern FORMAT =
            Pattern.compile("pp_([a-z0-9]{" + PREFIX_LENGTH + "})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A freshly generated key: show {@code plaintext} to the tenant once, store {@code prefix} and {@code hash}. */
    public record NewApiKey(String plaintext, String prefix, String hash) {
        @Override
        public String toString() {
            return "NewApiKey[prefix=" + prefix + "]";
        }
    }

    private ApiKeys() {}

    public static NewApiKey generate() {
        StringBuilder prefix = new StringBuilder(PREFIX_LENGTH);
        for (int i = 0; i < PREFIX_LENGTH; i++) {
            prefix.append(PREFIX_ALPHABET[RANDOM.nextInt(PREFIX_ALPHABET.length)]);
        }
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        String plaintext = SCHEME + "_" + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new NewApiKey(plaintext, prefix.toString(), hash(plaintext));
    }

    /** The lookup prefix of a well-formed key; empty for anything that is not shaped like one of our keys. */
    public static Optional<String> prefixOf(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(presented);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Lowercase hex SHA-256 of the whole key. */
    public static String hash(String key) {
        return HexFormat.of().formatHex(sha256(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code presented} is the key whose {@link #hash} is {@code storedHash}, compared in constant time. */
    public static boolean matches(String presented, String storedHash) {
        if (presented == null || storedHash == null || prefixOf(presented).isEmpty()) {
            return false;
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(storedHash);
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented.getBytes(StandardCharsets.UTF_8)), expected);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JVM", impossible);
        }
    }
}
