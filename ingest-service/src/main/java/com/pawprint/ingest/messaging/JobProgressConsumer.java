package com.pawprint.ingest.messaging;

import com.pawprint.contracts.JobProgress;
import com.pawprint.contracts.Stage;
import com.pawprint.ingest.service.JobService;
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
 * Folds every stage's reports on jobs.progress into the jobs. Each event id is handled once (marked in the
 * transaction of its effect); a record that cannot be read goes to jobs.progress.dlq with the reason.
 */
@ApplicationScoped
public class JobProgressConsumer {

    static final String CONSUMER = "ingest-service/jobs.progress";

    private final JobService jobs;
    private final IncomingEvents incoming;
    private final ProcessedEvents processed;

    public JobProgressConsumer(JobService jobs, IncomingEvents incoming, ProcessedEvents processed) {
        this.jobs = jobs;
        this.incoming = incoming;
        this.processed = processed;
    }

    @Incoming("jobs-progress")
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        incoming.read(ReceivedRecord.of(record), JobProgress.class, Stage.INGEST)
                .filter(report -> processed.firstDelivery(CONSUMER, report.metadata().eventId()))
                .ifPresent(report -> {
                    try (LogContext.Scope ignored = LogContext.open(report.metadata().tenantId(),
                            report.metadata().jobId().toString())) {
                        jobs.apply(report);
                    }
                });
    }
}
