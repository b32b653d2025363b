package com.pawprint.render.messaging;

import com.pawprint.messaging.CancellationReports;
import com.pawprint.render.service.RenderCancellations;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Hears CANCELED reports on jobs.progress (ingest-service sends one when an order is cancelled) and cancels that
 * order's renders. Every other report is ignored; a record this service cannot read is left alone (jobs.progress
 * belongs to ingest-service, whose consumer dead-letters it).
 */
@ApplicationScoped
public class CancellationConsumer {

    private final RenderCancellations cancellations;

    public CancellationConsumer(RenderCancellations cancellations) {
        this.cancellations = cancellations;
    }

    @Incoming("jobs-progress")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        // The report's tenant must own the job: one tenant cannot cancel another's work.
        CancellationReports.cancelled(record).ifPresent(cancellations::cancelJob);
    }
}
