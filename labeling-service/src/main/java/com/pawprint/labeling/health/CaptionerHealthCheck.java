package com.pawprint.labeling.health;

import com.pawprint.labeling.service.Captioner;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the captioner is built (a configured CLIP model has loaded); says which one runs, so an operator sees
 * a deployment that silently fell back to the basic captioner.
 */
@Readiness
@ApplicationScoped
public class CaptionerHealthCheck implements HealthCheck {

    private final Captioner captioner;

    public CaptionerHealthCheck(Captioner captioner) {
        this.captioner = captioner;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("captioner").up().withData("captioner", captioner.name()).build();
    }
}
