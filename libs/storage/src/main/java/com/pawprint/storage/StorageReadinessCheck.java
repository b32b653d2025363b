package com.pawprint.storage;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the bucket exists, creating it if the server came up after the service. */
@Readiness
@ApplicationScoped
public class StorageReadinessCheck implements HealthCheck {

    static final String NAME = "object-storage";

    private final MinioObjectStore store;

    StorageReadinessCheck(MinioObjectStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            store.ensureBucket();
            return HealthCheckResponse.named(NAME).up().withData("bucket", store.bucket()).build();
        } catch (StorageException e) {
            return HealthCheckResponse.named(NAME).down()
                    .withData("bucket", store.bucket())
                    .withData("error", e.getMessage())
                    .build();
        }
    }
}
