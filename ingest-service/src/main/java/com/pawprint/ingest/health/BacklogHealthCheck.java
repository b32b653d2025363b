package com.pawprint.ingest.health;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What is waiting to leave: unsent events and undelivered webhooks, with the age of the oldest event. DOWN when an
 * event has waited longer than {@link #STUCK_AFTER}, which means the broker has been unreachable for that long.
 * A group of its own ({@code /q/health/group/backlog}), not readiness: orders are still safely accepted meanwhile.
 */
@HealthGroup("backlog")
@ApplicationScoped
public class BacklogHealthCheck implements HealthCheck {

    static final Duration STUCK_AFTER = Duration.ofMinutes(5);

    private final EntityManager entityManager;
    private final Clock clock;

    public BacklogHealthCheck(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] outbox = (Object[]) entityManager.createNativeQuery(
                    "select count(*), min(created_at) from {h-schema}outbox where published_at is null").getSingleResult();
            long pendingEvents = ((Number) outbox[0]).longValue();
            long pendingWebhooks = ((Number) entityManager.createNativeQuery(
                    "select count(*) from {h-schema}webhook_deliveries where state = 'PENDING'").getSingleResult()).longValue();
            Duration oldest = outbox[1] == null ? Duration.ZERO
                    : Duration.between(toInstant(outbox[1]), clock.instant());
            HealthCheckResponseBuilder response = HealthCheckResponse.named("backlog")
                    .withData("pendingEvents", pendingEvents)
                    .withData("oldestPendingEventSeconds", oldest.toSeconds())
                    .withData("pendingWebhookDeliveries", pendingWebhooks);
            return response.status(oldest.compareTo(STUCK_AFTER) < 0).build();
        });
    }

    private static Instant toInstant(Object timestamp) {
        if (timestamp instanceof Instant instant) {
            return instant;
        }
        if (timestamp instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) timestamp).toInstant();
    }
}
