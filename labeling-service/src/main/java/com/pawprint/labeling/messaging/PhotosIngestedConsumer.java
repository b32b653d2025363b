package com.pawprint.labeling.messaging;

import com.pawprint.contracts.PhotosIngested;
import com.pawprint.contracts.Stage;
import com.pawprint.labeling.service.LabelingService;
import com.pawprint.messaging.IncomingEvents;
import com.pawprint.messaging.ProcessedEvents;
import com.pawprint.messaging.ReceivedRecord;
import com.pawprint.tenancy.LogContext;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Captions every accepted order once: a record that cannot be read goes to photos.ingested.dlq with the reason, a
 * redelivered event (same id, marked in the transaction of its effect) is skipped.
 */
@ApplicationScoped
public class PhotosIngestedConsumer {

    static final String CONSUMER = "labeling-service/photos.ingested";

    private final IncomingEvents incoming;
    private final ProcessedEvents processed;
    private final LabelingService labeling;

    public PhotosIngestedConsumer(IncomingEvents incoming, ProcessedEvents processed, LabelingService labeling) {
        this.incoming = incoming;
        this.processed = processed;
        this.labeling = labeling;
    }

    @Incoming("photos-ingested")
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        ReceivedRecord received = ReceivedRecord.of(record);
        incoming.read(received, PhotosIngested.class, Stage.LABELING)
                .filter(event -> processed.firstDelivery(CONSUMER, event.metadata().eventId()))
                .ifPresent(event -> {
                    try (LogContext.Scope ignored = LogContext.open(event.metadata().tenantId(),
                            event.metadata().jobId().toString())) {
                        labeling.label(event, received);
                    }
                });
    }
}
