package com.pawprint.messaging;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event a consumer has processed; the row is written in the same transaction as the consumer's effect. A per-job
 * mark ({@link ProcessedEvents#firstDeliveryOfJob}) holds the job id under the consumer's name plus {@code #job}.
 * The table lives in each service's own schema (see this module's README for the migration).
 */
@Entity
@Table(name = "processed_events")
@IdClass(ProcessedEvent.Key.class)
public class ProcessedEvent extends PanacheEntityBase {

    @Id
    @Column(name = "consumer", length = 100, nullable = false)
    public String consumer;

    @Id
    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;

    public static class Key implements Serializable {
        public String consumer;
        public UUID eventId;

        public Key() {
        }

        public Key(String consumer, UUID eventId) {
            this.consumer = consumer;
            this.eventId = eventId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(consumer, key.consumer)
                    && Objects.equals(eventId, key.eventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(consumer, eventId);
        }
    }
}
