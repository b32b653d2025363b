package com.pawprint.messaging.outbox;

import com.pawprint.contracts.CloudEventHeaders;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.PawEvent;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Queues events for the {@link OutboxRelay}; only inside the transaction that makes the announced change, so the
 * event leaves if and only if that change commits. Exists when {@code pawprint.messaging.outbox.enabled=true}.
 */
@ApplicationScoped
@IfBuildProperty(name = "pawprint.messaging.outbox.enabled", stringValue = "true")
public class Outbox {

    private final EntityManager entityManager;
    private final Clock clock = Clock.systemUTC();

    public Outbox(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(PawEvent event) {
        OutboxRecord record = new OutboxRecord();
        record.id = event.metadata().eventId();
        record.topic = event.topic();
        record.recordKey = CloudEventHeaders.recordKey(event);
        record.eventType = event.type();
        record.payload = EventCodec.encode(event);
        record.createdAt = clock.instant();
        entityManager.persist(record);
    }

    /** Reads the unsent events in a transaction of its own, for health checks and dashboards. */
    public OutboxBacklog backlog() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) entityManager.createNativeQuery(
                    "select count(*), min(created_at) from {h-schema}outbox where published_at is null")
                    .getSingleResult();
            Duration oldestWait = row[1] == null ? Duration.ZERO : Duration.between(toInstant(row[1]), clock.instant());
            return new OutboxBacklog(((Number) row[0]).longValue(), oldestWait);
        });
    }

    /** What the PostgreSQL driver hands back for a timestamptz in a native query depends on its version. */
    private static Instant toInstant(Object timestamp) {
        if (timestamp instanceof Instant instant) {
            return instant;
        }
        if (timestamp instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) timestamp).toInstant();
    }
}
