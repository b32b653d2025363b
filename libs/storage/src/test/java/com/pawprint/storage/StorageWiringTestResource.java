package com.pawprint.storage;

import com.pawprint.localstack.LocalStackResource;
import com.pawprint.localstack.StackConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * The local stack, plus a public endpoint that names the same server by another host, the way clients behind an
 * ingress see it, and a bucket that does not exist yet.
 */
public class StorageWiringTestResource implements QuarkusTestResourceLifecycleManager {

    static final String BUCKET = "wiring-test";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        // Only the storage keys: the stack's Kafka and datasource keys mean nothing to this module's test app.
        LocalStackResource.current().forEach((key, value) -> {
            if (key.startsWith("pawprint.storage.")) {
                config.put(key, value);
            }
        });
        config.put("quarkus.devservices.enabled", "false");
        String endpoint = config.get(StackConfig.STORAGE_ENDPOINT);
        config.put("pawprint.storage.public-endpoint", endpoint.replace("127.0.0.1", "localhost"));
        config.put("pawprint.storage.bucket", BUCKET);
        config.put("pawprint.storage.presign-expiry", "PT2M");
        return config;
    }

    @Override
    public void stop() {
    }
}
