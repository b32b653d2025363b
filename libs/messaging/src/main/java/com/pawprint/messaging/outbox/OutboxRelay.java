package com.pawprint.messaging.outbox;

import com.pawprint.contracts.EventCodec;
import com.pawprint.messaging.KafkaSender;
import com.pawprint.messaging.MessagingConfig;
import com.pawprint.messaging.OutgoingEvents;
import com.pawprint.messaging.PublishException;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;

/**
 * Publishes the outbox in the order the events were queued. A record is marked sent only after the broker acknowledged it, so a crash
 * or a broker outage at any point leaves it to the next pass: events are published at least once, and consumers
 * deduplicate on the event id. Rows are claimed with SKIP LOCKED, so replicas share the work. Exists when
 * {@code pawprint.messaging.outbox.enabled=true}.
 */
@ApplicationScoped
@IfBuildProperty(name = "pawprint.messaging.outbox.enabled", stringValue = "true")
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final KafkaSender sender;
    private final OutgoingEvents outgoing;
    private final EntityManager entityManager;
    private final MessagingConfig.Outbox config;
    private final Clock clock = Clock.systemUTC();

    public OutboxRelay(KafkaSender sender, OutgoingEvents outgoing, EntityManager entityManager,
                       MessagingConfig config) {
        this.sender = sender;
        this.outgoing = outgoing;
        this.entityManager = entityManager;
        this.config = config.outbox();
    }

    @Scheduled(every = "${pawprint.messaging.outbox.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relayPending() {
        boolean fullBatchSent;
        do {
            fullBatchSent = relayBatch() == config.batchSize();
        } while (fullBatchSent);
    }

    /** @return how many records were published */
    int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<OutboxRecord> pending = entityManager.createNativeQuery("""
                            select * from {h-schema}outbox where published_at is null
                            order by position limit :batch for update skip locked""", OutboxRecord.class)
                    .setParameter("batch", config.batchSize())
                    .getResultList();
            int published = 0;
            for (OutboxRecord record : pending) {
                record.attempts++;
                try {
                    sender.send(outgoing.record(EventCodec.decode(record.payload)));
                } catch (PublishException e) {
                    // Stop here: sending later records first would reorder one pet's events.
                    record.lastError = truncate(e.getMessage());
                    LOG.warnf("outbox record %s (%s) not published yet, attempt %d: %s", record.id,
                            record.eventType, record.attempts, e.getMessage());
                    break;
                }
                record.publishedAt = clock.instant();
                published++;
            }
            return published;
        });
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
