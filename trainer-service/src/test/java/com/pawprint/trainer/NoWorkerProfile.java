package com.pawprint.trainer;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The service without its training worker, so queued jobs stay as the consumer left them. */
public class NoWorkerProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pawprint.trainer.worker.enabled", "false");
    }
}
