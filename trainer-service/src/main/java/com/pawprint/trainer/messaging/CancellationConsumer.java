package com.pawprint.trainer.messaging;

import com.pawprint.messaging.CancellationReports;
import com.pawprint.trainer.service.TrainingCancellations;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Hears CANCELED reports on jobs.progress (ingest-service sends one when an order is cancelled) and cancels the
 * tenant's training job. Every other report is ignored. A record this service cannot read is left alone rather
 * than dead-lettered: jobs.progress belongs to ingest-service, whose consumer dead-letters it already.
 */
@ApplicationScoped
public class CancellationConsumer {

    private final TrainingCancellations cancellations;

    public CancellationConsumer(TrainingCancellations cancellations) {
        this.cancellations = cancellations;
    }

    @Incoming("jobs-progress")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        // The report's tenant must own the job: one tenant cannot cancel another's work.
        CancellationReports.cancelled(record)
                .ifPresent(cancelled -> cancellations.cancel(cancelled.jobId(), cancelled.tenantId()));
    }
}
