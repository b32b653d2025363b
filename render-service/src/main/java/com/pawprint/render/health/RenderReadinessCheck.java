package com.pawprint.render.health;

import com.pawprint.messaging.outbox.Outbox;
import com.pawprint.render.config.RenderConfig;
import com.pawprint.render.service.LoraCache;
import com.pawprint.render.storage.RenderTask;
import com.pawprint.render.storage.TaskState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the task table answers; reports the queue (queued and running tasks), the LoRAs loaded, the unsent
 * renders.done events and whether this instance renders, for dashboards.
 */
@Readiness
@ApplicationScoped
public class RenderReadinessCheck implements HealthCheck {

    private final Outbox outbox;
    private final RenderConfig config;
    private final LoraCache loras;

    public RenderReadinessCheck(Outbox outbox, RenderConfig config, LoraCache loras) {
        this.outbox = outbox;
        this.config = config;
        this.loras = loras;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            long queued = QuarkusTransaction.requiringNew().call(() -> RenderTask.count("status", TaskState.QUEUED));
            long running = QuarkusTransaction.requiringNew().call(() ->
                    RenderTask.count("status", TaskState.RUNNING));
            return HealthCheckResponse.named("render").up()
                    .withData("worker", config.worker().enabled())
                    .withData("queuedTasks", queued)
                    .withData("runningTasks", running)
                    .withData("loadedLoras", loras.size())
                    .withData("unsentEvents", outbox.backlog().pendingEvents())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("render").down().withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
