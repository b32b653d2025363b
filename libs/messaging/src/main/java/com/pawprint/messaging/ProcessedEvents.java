package com.pawprint.messaging;

import com.pawprint.contracts.EventMetadata;
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
 *
 * <p>An event that its stage sends before its own commit can come again under a new event id when that stage's
 * transaction is retried: labeling's captions.ready is one. Its consumers use {@link #firstDeliveryOfJob} instead.
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

    /* Keeps the job marks of a consumer apart from its event marks in the same (consumer, event_id) key. */
    private static final String PER_JOB = "#job";

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

    /**
     * Marks the job of the event handled by {@code consumer}, for an effect that happens once per job whatever the
     * event id (a redelivery, or the same job sent again under a new event id).
     *
     * @return true the first time an event of this job reaches {@code consumer}, false after that
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDeliveryOfJob(String consumer, EventMetadata metadata) {
        Objects.requireNonNull(metadata.jobId(), "the event has no job id");
        return firstDelivery(consumer + PER_JOB, metadata.jobId());
    }
}
