package com.pawprint.messaging;

import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.EventMetadata;
import com.pawprint.contracts.JobProgress;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Optional;

/**
 * The CANCELED reports on jobs.progress, which ingest-service sends when an order is cancelled and every working
 * stage must hear. A record that cannot be read is not a cancellation: jobs.progress belongs to ingest-service,
 * whose consumer dead-letters it already.
 */
public final class CancellationReports {

    private CancellationReports() {
    }

    /** The metadata of the cancelled job (its tenant must own what is cancelled); empty for any other record. */
    public static Optional<EventMetadata> cancelled(ConsumerRecord<String, String> record) {
        ReceivedRecord received = ReceivedRecord.of(record);
        try {
            JobProgress report = EventCodec.read(received.payload(), received.headers(), JobProgress.class);
            return report.status() == JobStatus.CANCELED ? Optional.of(report.metadata()) : Optional.empty();
        } catch (MalformedEventException unreadable) {
            return Optional.empty();
        }
    }
}
