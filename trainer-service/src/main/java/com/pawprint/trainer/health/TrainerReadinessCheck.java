package com.pawprint.trainer.health;

import com.pawprint.messaging.outbox.Outbox;
import com.pawprint.messaging.outbox.OutboxBacklog;
import com.pawprint.trainer.config.TrainerConfig;
import com.pawprint.trainer.storage.JobState;
import com.pawprint.trainer.storage.TrainingJob;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the job table answers; reports the queue (queued and training jobs), the unsent lora.trained events
 * and whether this instance trains, for dashboards.
 */
@Readiness
@ApplicationScoped
public class TrainerReadinessCheck implements HealthCheck {

    private final Outbox outbox;
    private final TrainerConfig config;

    public TrainerReadinessCheck(Outbox outbox, TrainerConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            long queued = QuarkusTransaction.requiringNew().call(() -> TrainingJob.count("status", JobState.QUEUED));
            long training = QuarkusTransaction.requiringNew().call(() ->
                    TrainingJob.count("status", JobState.TRAINING));
            OutboxBacklog backlog = outbox.backlog();
            return HealthCheckResponse.named("trainer").up()
                    .withData("worker", config.worker().enabled())
                    .withData("queuedJobs", queued)
                    .withData("trainingJobs", training)
                    .withData("unsentEvents", backlog.pendingEvents())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("trainer").down().withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
