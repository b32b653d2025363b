package com.pawprint.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Hands the local stack's config to a {@code @QuarkusTest}: {@code @WithTestResource(LocalStackResource.class)}.
 * One stack serves the whole test JVM (every test class of a module); it starts on first use with random ports and
 * a temp data folder, and stops when the JVM exits. {@code -Dpawprint.stack=containers} starts MinIO, Kafka and
 * PostgreSQL containers instead (needs Docker).
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>(current());
        config.put("quarkus.devservices.enabled", "false");
        return config;
    }

    /** Nothing to do: later test classes reuse the stack, and the JVM's shutdown hook stops it. */
    @Override
    public void stop() {
    }

    /**
     * The running stack's config ({@link StackConfig#KEYS}), starting it if no test has yet; for tests that talk to
     * Kafka, S3 or PostgreSQL directly or start a service themselves. {@link StackConfig#fromMap} types it.
     */
    public static Map<String, String> current() {
        return SharedStack.config();
    }
}
