package com.pawprint.render.messaging;

import com.pawprint.contracts.LoraTrained;
import com.pawprint.contracts.Stage;
import com.pawprint.messaging.IncomingEvents;
import com.pawprint.messaging.ProcessedEvents;
import com.pawprint.messaging.ReceivedRecord;
import com.pawprint.render.service.RenderQueue;
import com.pawprint.tenancy.LogContext;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Queues an order's renders for each lora.trained, once per job (dedupe in the transaction that queues them). A
 * record that cannot be read goes to lora.trained.dlq with the reason.
 */
@ApplicationScoped
public class LoraTrainedConsumer {

    static final String CONSUMER = "render-service/lora.trained";

    private final IncomingEvents incoming;
    private final ProcessedEvents processed;
    private final RenderQueue queue;

    public LoraTrainedConsumer(IncomingEvents incoming, ProcessedEvents processed, RenderQueue queue) {
        this.incoming = incoming;
        this.processed = processed;
        this.queue = queue;
    }

    @Incoming("lora-trained")
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        ReceivedRecord received = ReceivedRecord.of(record);
        incoming.read(received, LoraTrained.class, Stage.RENDERING)
                .filter(event -> processed.firstDeliveryOfJob(CONSUMER, event.metadata()))
                .ifPresent(event -> {
                    try (LogContext.Scope ignored = LogContext.open(event.metadata().tenantId(),
                            event.metadata().jobId().toString())) {
                        queue.enqueue(event, received);
                    }
                });
    }
}
