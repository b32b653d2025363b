package com.pawprint.ingest.service;

import com.pawprint.ingest.config.IngestConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * Keeps webhook signing secrets encrypted at rest: AES-256-GCM under {@code pawprint.ingest.webhooks.secret-key},
 * with the endpoint's id as associated data, so a database dump reveals no secret and a sealed secret copied onto
 * another endpoint's row does not open. Built at start-up so that a missing or malformed key stops the service.
 */
@Startup
@ApplicationScoped
public class SecretSealer {

    static final String VERSION = "v1.";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public SecretSealer(IngestConfig config) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(config.webhooks().secretKey().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("pawprint.ingest.webhooks.secret-key must be base64", e);
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalStateException("pawprint.ingest.webhooks.secret-key must decode to " + KEY_BYTES
                    + " bytes (openssl rand -base64 32), it has " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    public String seal(UUID endpointId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, endpointId, nonce, secret.getBytes(StandardCharsets.UTF_8));
        return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                .put(nonce).put(sealed).array());
    }

    /** @throws IllegalStateException when the value was not sealed for this endpoint under this key */
    public String open(UUID endpointId, String sealed) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new IllegalStateException("the secret of webhook " + endpointId + " is not sealed");
        }
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        byte[] nonce = Arrays.copyOf(bytes, NONCE_BYTES);
        byte[] ciphertext = Arrays.copyOfRange(bytes, NONCE_BYTES, bytes.length);
        return new String(run(Cipher.DECRYPT_MODE, endpointId, nonce, ciphertext), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, UUID endpointId, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(endpointId.toString().getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the secret of webhook " + endpointId + " cannot be sealed or opened "
                    + "with the configured key", e);
        }
    }
}
