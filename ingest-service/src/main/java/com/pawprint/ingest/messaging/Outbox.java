package com.pawprint.ingest.messaging;

import com.pawprint.contracts.CloudEventHeaders;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.PawEvent;
import com.pawprint.ingest.storage.OutboxRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;

/** Queues events for the {@link OutboxRelay}; only inside the transaction that makes the announced change. */
@ApplicationScoped
public class Outbox {

    private final Clock clock;

    public Outbox(Clock clock) {
        this.clock = clock;
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
        record.persist();
    }
}
