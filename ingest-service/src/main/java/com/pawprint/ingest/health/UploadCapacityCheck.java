package com.pawprint.ingest.health;

import com.pawprint.ingest.service.UploadSlots;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while every upload slot is taken: a load balancer then sends new traffic to another replica. */
@Readiness
@ApplicationScoped
public class UploadCapacityCheck implements HealthCheck {

    private final UploadSlots slots;

    public UploadCapacityCheck(UploadSlots slots) {
        this.slots = slots;
    }

    @Override
    public HealthCheckResponse call() {
        int inFlight = slots.inFlight();
        return HealthCheckResponse.named("uploads")
                .status(inFlight < slots.capacity())
                .withData("inFlight", inFlight)
                .withData("capacity", slots.capacity())
                .build();
    }
}
