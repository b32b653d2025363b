package com.pawprint.messaging;

import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.EventMetadata;
import com.pawprint.contracts.JobProgress;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.Stage;
import com.pawprint.contracts.Topics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JobProgressReporterTest {

    private final MockProducer<String, String> producer = Fixtures.autoCompletingProducer();
    private final JobProgressReporter reporter = new JobProgressReporter(Fixtures.sender(producer),
            new OutgoingEvents("trainer-service"), Fixtures.CLOCK);
    private final EventMetadata cause = Fixtures.photosIngested().metadata();

    @Test
    void progressCarriesPercentAndAnEtaFromTheStepsSoFar() {
        JobProgress progress = reporter.progress(cause, Stage.TRAINING, JobStatus.TRAINING, 300, 1500,
                Fixtures.CLOCK.instant().minus(Duration.ofSeconds(60)), 0.125, "epoch 3/15");
        assertEquals(20.0, progress.percent());
        assertEquals(240L, progress.etaSeconds(), "60 s for 300 steps leaves 240 s for 1200");
        assertEquals(0.125, progress.loss());
        assertEquals(progress, readBack(0));
    }

    @Test
    void withoutAStartTimeOrAStepThereIsNoEta() {
        assertNull(reporter.progress(cause, Stage.TRAINING, JobStatus.TRAINING, 10, 100, null, null, null)
                .etaSeconds());
        assertNull(reporter.progress(cause, Stage.TRAINING, JobStatus.TRAINING, 0, 100,
                Fixtures.CLOCK.instant(), null, null).etaSeconds());
    }

    @Test
    void reportsContinueTheCauseChainOnTheProgressTopic() {
        JobProgress change = reporter.statusChanged(cause, Stage.LABELING, JobStatus.CAPTIONING, "captioning");
        assertEquals(cause.correlationId(), change.metadata().correlationId());
        assertEquals(cause.jobId(), change.metadata().jobId());
        assertNotEquals(cause.eventId(), change.metadata().eventId());
        ProducerRecord<String, String> record = producer.history().get(0);
        assertEquals(Topics.JOBS_PROGRESS, record.topic());
        assertEquals(cause.petId().toString(), record.key());
        assertEquals(change, readBack(0));
    }

    @Test
    void failuresCarryTheirReason() {
        JobProgress failure = reporter.failed(cause, Stage.TRAINING, "loss became NaN at step 212");
        assertEquals(JobStatus.FAILED, failure.status());
        assertEquals("loss became NaN at step 212", readBack(0).failureReason());
    }

    @Test
    void stepsOutsideTheTotalAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> reporter.progress(cause, Stage.TRAINING, JobStatus.TRAINING, 11, 10, null, null, null));
        assertEquals(0, producer.history().size());
    }

    private JobProgress readBack(int index) {
        ProducerRecord<String, String> record = producer.history().get(index);
        return EventCodec.read(record.value(), KafkaHeaderMaps.toMap(record.headers()), JobProgress.class);
    }
}
