package com.pawprint.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Objects;
import java.util.UUID;

/**
 * Makes a consumer idempotent on the event id. Call {@link #firstDelivery} first thing in the consumer's
 * transaction and skip the event when it returns false:
 *
 * <pre>{@code
 * @Incoming("photos-ingested") @Blocking @Transactional
 * void on(ConsumerRecord<String, String> record) {
 *     incomingEvents.read(ReceivedRecord.of(record), PhotosIngested.class, Stage.LABELING)
 *             .filter(event -> processedEvents.firstDelivery("labeling", event.metadata().eventId()))
 *             .ifPresent(this::caption);
 * }
 * }</pre>
 *
 * If the transaction rolls back, the mark goes with it and a redelivery is processed again.
 */
@ApplicationScoped
public class ProcessedEvents {

    /*
     * ON CONFLICT DO NOTHING instead of catching a unique violation: a failed statement would mark the caller's
     * transaction rollback-only. A concurrent delivery of the same event waits on the key until the first
     * transaction ends, then inserts nothing. {h-schema} is the persistence unit's default schema, the service's own.
     */
    private static final String MARK = "INSERT INTO {h-schema}processed_events (consumer, event_id, processed_at) "
            + "VALUES (:consumer, :eventId, now()) ON CONFLICT (consumer, event_id) DO NOTHING";

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Marks the event processed by {@code consumer} in the caller's transaction.
     *
     * @return true on the first delivery, false when this consumer has processed the event before
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        if (consumer == null || consumer.isBlank() || consumer.length() > 100) {
            throw new IllegalArgumentException("consumer must be 1 to 100 characters, got " + consumer);
        }
        Objects.requireNonNull(eventId, "eventId is required");
        return entityManager.createNativeQuery(MARK)
                .setParameter("consumer", consumer)
                .setParameter("eventId", eventId)
                .executeUpdate() == 1;
    }
}
