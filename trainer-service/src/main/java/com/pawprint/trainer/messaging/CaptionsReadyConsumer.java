package com.pawprint.trainer.messaging;

import com.pawprint.contracts.CaptionsReady;
import com.pawprint.contracts.Stage;
import com.pawprint.messaging.IncomingEvents;
import com.pawprint.messaging.ProcessedEvents;
import com.pawprint.messaging.ReceivedRecord;
import com.pawprint.tenancy.LogContext;
import com.pawprint.trainer.service.TrainingQueue;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Queues one training per job. labeling-service may send captions.ready for one job again under a new event id
 * (it sends before its own commit), so the dedupe is on the job, in the transaction that queues it. A record that
 * cannot be read, or whose config is invalid, goes to captions.ready.dlq with the reason.
 */
@ApplicationScoped
public class CaptionsReadyConsumer {

    static final String CONSUMER = "trainer-service/captions.ready";

    private final IncomingEvents incoming;
    private final ProcessedEvents processed;
    private final TrainingQueue queue;

    public CaptionsReadyConsumer(IncomingEvents incoming, ProcessedEvents processed, TrainingQueue queue) {
        this.incoming = incoming;
        this.processed = processed;
        this.queue = queue;
    }

    @Incoming("captions-ready")
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        ReceivedRecord received = ReceivedRecord.of(record);
        incoming.read(received, CaptionsReady.class, Stage.TRAINING)
                .filter(event -> processed.firstDeliveryOfJob(CONSUMER, event.metadata()))
                .ifPresent(event -> {
                    try (LogContext.Scope ignored = LogContext.open(event.metadata().tenantId(),
                            event.metadata().jobId().toString())) {
                        queue.enqueue(event, received);
                    }
                });
    }
}
