package com.pawprint.merch.messaging;

import com.pawprint.contracts.EventMetadata;
import com.pawprint.contracts.JobProgress;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.MerchProduct;
import com.pawprint.contracts.MerchReady;
import com.pawprint.contracts.RendersDone;
import com.pawprint.contracts.Stage;
import com.pawprint.merch.service.JobOutcome;
import com.pawprint.merch.service.MerchJobService;
import com.pawprint.messaging.DeadLetters;
import com.pawprint.messaging.IncomingEvents;
import com.pawprint.messaging.JobProgressReporter;
import com.pawprint.messaging.ProcessedEvents;
import com.pawprint.messaging.ReceivedRecord;
import com.pawprint.messaging.outbox.Outbox;
import com.pawprint.tenancy.LogContext;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * renders.done → COMPOSING → every catalogue product → merch.ready → DONE. Each event id is handled once (marked
 * in the transaction that records the products). merch.ready and the DONE report go through the outbox in that
 * transaction: they leave only once the products are recorded, and DONE never overtakes merch.ready. Whatever could
 * not be composed (a missing or broken render, a product the render is too small for) goes to renders.done.dlq in
 * one dead letter with the reasons, while the products that could be made are still published; a job with none at
 * all is FAILED.
 */
@ApplicationScoped
public class RendersDoneConsumer {

    static final String CONSUMER = "merch-service/renders.done";

    private final IncomingEvents incoming;
    private final ProcessedEvents processed;
    private final MerchJobService jobs;
    private final JobProgressReporter progress;
    private final DeadLetters deadLetters;
    private final Outbox outbox;

    public RendersDoneConsumer(IncomingEvents incoming, ProcessedEvents processed, MerchJobService jobs,
                               JobProgressReporter progress, DeadLetters deadLetters, Outbox outbox) {
        this.incoming = incoming;
        this.processed = processed;
        this.jobs = jobs;
        this.progress = progress;
        this.deadLetters = deadLetters;
        this.outbox = outbox;
    }

    @Incoming("renders-done")
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        ReceivedRecord received = ReceivedRecord.of(record);
        incoming.read(received, RendersDone.class, Stage.MERCH)
                .filter(event -> processed.firstDelivery(CONSUMER, event.metadata().eventId()))
                .ifPresent(event -> {
                    try (LogContext.Scope ignored = LogContext.open(event.metadata().tenantId(),
                            event.metadata().jobId().toString())) {
                        compose(received, event);
                    }
                });
    }

    private void compose(ReceivedRecord received, RendersDone event) {
        EventMetadata metadata = event.metadata();
        progress.statusChanged(metadata, Stage.MERCH, JobStatus.COMPOSING,
                "composing merch from " + event.renders().size() + " render(s)");
        JobOutcome outcome = jobs.compose(event);
        if (!outcome.problems().isEmpty()) {
            deadLetters.publish(received, String.join("; ", outcome.problems()), Stage.MERCH);
        }
        if (outcome.products().isEmpty()) {
            progress.failed(metadata, Stage.MERCH, String.join("; ", outcome.problems()));
            return;
        }
        List<MerchProduct> products = outcome.products().stream()
                .map(made -> new MerchProduct(made.product(), made.variant(), made.placement(), made.printFileKey(),
                        made.mockupKey(), made.thumbnailKey(), made.cutLineKey(), made.warnings()))
                .toList();
        outbox.enqueue(new MerchReady(metadata.next(), event.pet(), products));
        outbox.enqueue(JobProgress.statusChange(metadata.next(), Stage.MERCH, JobStatus.DONE,
                products.size() + " products composed"));
    }
}
