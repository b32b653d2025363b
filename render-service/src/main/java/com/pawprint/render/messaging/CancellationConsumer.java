package com.pawprint.render.messaging;

import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.JobProgress;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.MalformedEventException;
import com.pawprint.messaging.ReceivedRecord;
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
        ReceivedRecord received = ReceivedRecord.of(record);
        JobProgress report;
        try {
            report = EventCodec.read(received.payload(), received.headers(), JobProgress.class);
        } catch (MalformedEventException unreadable) {
            return;
        }
        if (report.status() == JobStatus.CANCELED) {
            // The report's tenant must own the order: one tenant cannot cancel another's renders.
            cancellations.cancelJob(report.metadata().jobId(), report.metadata().tenantId());
        }
    }
}
