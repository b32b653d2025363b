package com.pawprint.ingest.service;

import com.pawprint.ingest.config.IngestConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretSealerTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void sealsSoThatOnlyTheSameEndpointUnderTheSameKeyOpens() {
        SecretSealer sealer = sealer(KEY);
        UUID endpoint = UUID.randomUUID();
        String secret = WebhookSigner.newSecret();
        String sealed = sealer.seal(endpoint, secret);

        assertThat(sealed).startsWith("v1.").doesNotContain(secret.substring(WebhookSigner.SECRET_PREFIX.length()));
        assertThat(sealer.seal(endpoint, secret)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(sealer.open(endpoint, sealed)).isEqualTo(secret);
        assertThatThrownBy(() -> sealer.open(UUID.randomUUID(), sealed)).isInstanceOf(IllegalStateException.class);
        SecretSealer otherKey = sealer(Base64.getEncoder().encodeToString("k".repeat(32).getBytes()));
        assertThatThrownBy(() -> otherKey.open(endpoint, sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sealer.open(endpoint, secret)).hasMessageContaining("not sealed");
    }

    @Test
    void aKeyOfTheWrongSizeOrNotBase64StopsTheService() {
        assertThatThrownBy(() -> sealer(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> sealer("not base64!")).hasMessageContaining("base64");
    }

    /** IngestConfig with only the webhook secret key answered. */
    private static SecretSealer sealer(String key) {
        IngestConfig.Webhooks webhooks = (IngestConfig.Webhooks) Proxy.newProxyInstance(
                IngestConfig.class.getClassLoader(), new Class<?>[] {IngestConfig.Webhooks.class},
                (proxy, method, args) -> method.getName().equals("secretKey") ? key : null);
        IngestConfig config = (IngestConfig) Proxy.newProxyInstance(IngestConfig.class.getClassLoader(),
                new Class<?>[] {IngestConfig.class},
                (proxy, method, args) -> method.getName().equals("webhooks") ? webhooks : null);
        return new SecretSealer(config);
    }
}
