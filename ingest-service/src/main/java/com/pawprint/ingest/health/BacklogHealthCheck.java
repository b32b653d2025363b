package com.pawprint.ingest.health;

import com.pawprint.messaging.outbox.Outbox;
import com.pawprint.messaging.outbox.OutboxBacklog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.time.Duration;

/**
 * What is waiting to leave: unsent events and undelivered webhooks, with the age of the oldest event. DOWN when an
 * event has waited longer than {@link #STUCK_AFTER}, which means the broker has been unreachable for that long.
 * A group of its own ({@code /q/health/group/backlog}), not readiness: orders are still safely accepted meanwhile.
 */
@HealthGroup("backlog")
@ApplicationScoped
public class BacklogHealthCheck implements HealthCheck {

    static final Duration STUCK_AFTER = Duration.ofMinutes(5);

    private final Outbox outbox;
    private final EntityManager entityManager;

    public BacklogHealthCheck(Outbox outbox, EntityManager entityManager) {
        this.outbox = outbox;
        this.entityManager = entityManager;
    }

    @Override
    public HealthCheckResponse call() {
        OutboxBacklog events = outbox.backlog();
        long pendingWebhooks = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from {h-schema}webhook_deliveries where state = 'PENDING'").getSingleResult())
                .longValue());
        return HealthCheckResponse.named("backlog")
                .withData("pendingEvents", events.pendingEvents())
                .withData("oldestPendingEventSeconds", events.oldestWait().toSeconds())
                .withData("pendingWebhookDeliveries", pendingWebhooks)
                .status(events.oldestWait().compareTo(STUCK_AFTER) < 0)
                .build();
    }
}
