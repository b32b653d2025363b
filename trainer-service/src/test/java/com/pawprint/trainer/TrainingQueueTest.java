package com.pawprint.trainer;

import com.pawprint.contracts.CaptionsReady;
import com.pawprint.contracts.CloudEventHeaders;
import com.pawprint.contracts.DeadLetter;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.EventMetadata;
import com.pawprint.contracts.JobProgress;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.Stage;
import com.pawprint.contracts.Topics;
import com.pawprint.localstack.LocalStackResource;
import com.pawprint.storage.ObjectStore;
import com.pawprint.testsupport.TestKafka;
import com.pawprint.trainer.service.TrainingWorker;
import com.pawprint.trainer.storage.JobState;
import com.pawprint.trainer.storage.TrainingJob;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * captions.ready in, a queued job (or a dead letter and a FAILED job) out; the job is queued once. The worker is
 * paused, so queued jobs stay as the consumer left them (and are removed after each test).
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class TrainingQueueTest {

    private static final String TENANT = "acme";
    private static TestKafka kafka;

    @Inject
    ObjectStore store;

    @Inject
    TrainingWorker worker;

    @BeforeEach
    void pauseWorker() {
        PausedWorker.pause(worker);
    }

    @BeforeAll
    static void listen() {
        kafka = TestKafka.reading(Topics.JOBS_PROGRESS, Topics.deadLetterOf(Topics.CAPTIONS_READY));
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    /* Queued jobs would be trained by the worker of the next test class (same database): remove them. */
    @AfterEach
    void removeJobsAndResumeWorker() {
        QuarkusTransaction.requiringNew().run(() -> TrainingJob.delete("status", JobState.QUEUED));
        worker.resume();
    }

    private static TrainingJob awaitJob(UUID jobId) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> QuarkusTransaction.requiringNew().call(() -> TrainingJob.<TrainingJob>findById(jobId)),
                job -> job != null);
    }

    @Test
    void aValidEventQueuesOneJobWithItsDatasetAndConfig() {
        CaptionsReady ready = TrainingOrders.upload(store, TENANT, 2, TrainingOrders.tinyConfig(3, 0, Map.of()));
        TestKafka.publish(ready);

        TrainingJob job = awaitJob(ready.metadata().jobId());
        assertThat(job.status).isEqualTo(JobState.QUEUED);
        assertThat(job.tenantId).isEqualTo(TENANT);
        assertThat(job.petId).isEqualTo(ready.metadata().petId());
        assertThat(job.metadataCsvKey).isEqualTo(ready.metadataCsvKey());
        assertThat(EventCodec.decode(job.sourceEvent, CaptionsReady.class).dataset()).isEqualTo(ready.dataset());
        assertThat(job.configJson).contains("\"lora_rank\":4").contains("\"base_model\":\"tiny-sd\"");
        assertThat(job.attempts).isZero();
        assertThat(job.leaseOwner).isNull();
        kafka.awaitRecords(Topics.JOBS_PROGRESS, ready.metadata().petId(), records -> records.stream()
                .anyMatch(record -> TestKafka.isProgress(record, ready.metadata().jobId(), JobStatus.TRAINING)));
    }

    @Test
    void theSameJobSentAgainUnderANewEventIdIsQueuedOnce() {
        CaptionsReady ready = TrainingOrders.upload(store, TENANT, 1, TrainingOrders.tinyConfig(3, 0, Map.of()));
        TestKafka.publish(ready);
        // labeling's retried approval: the same job under a new event id, with another config.
        TestKafka.publish(new CaptionsReady(ready.metadata().next(), ready.pet(), ready.dataset(),
                ready.metadataCsvKey(), ready.captionKeys(), ready.triggerToken(),
                TrainingOrders.tinyConfig(7, 0, Map.of())));
        // A later job of the same pet (same key, same partition) shows the duplicate has been handled.
        CaptionsReady later = new CaptionsReady(EventMetadata.newChain(TENANT, ready.metadata().petId(), UUID.randomUUID()), ready.pet(),
                ready.dataset(), ready.metadataCsvKey(), ready.captionKeys(), ready.triggerToken(),
                ready.trainingConfig());
        TestKafka.publish(later);
        awaitJob(later.metadata().jobId());

        TrainingJob job = awaitJob(ready.metadata().jobId());
        assertThat(job.configJson).contains("\"max_train_steps\":3");
        long queued = QuarkusTransaction.requiringNew().call(() -> TrainingJob.count("petId", ready.metadata()
                .petId()));
        assertThat(queued).isEqualTo(2);
    }

    @Test
    void anInvalidConfigIsDeadLetteredAndKeptAsAFailedJobWithTheReason() {
        CaptionsReady ready = TrainingOrders.upload(store, TENANT, 1, TrainingOrders.tinyConfig(3, 0, Map.of()));
        // In range for the decoder (types are right), out of range for validate(): the producer's bug.
        String payload = EventCodec.encode(ready).replace("\"lora_rank\":4", "\"lora_rank\":500");
        assertThat(payload).contains("\"lora_rank\":500");
        TestKafka.send(Topics.CAPTIONS_READY, ready.metadata().petId().toString(), payload,
                CloudEventHeaders.of(ready, TestKafka.TEST_SOURCE));

        TrainingJob job = awaitJob(ready.metadata().jobId());
        assertThat(job.status).isEqualTo(JobState.FAILED);
        assertThat(job.failureReason).contains("lora_rank must be between 1 and 128, got 500");
        DeadLetter letter = EventCodec.decodeDeadLetter(kafka.awaitRecords(
                Topics.deadLetterOf(Topics.CAPTIONS_READY), ready.metadata().petId(),
                records -> !records.isEmpty()).get(0).value());
        assertThat(letter.reason()).contains("lora_rank must be between 1 and 128, got 500");
        assertThat(letter.payload()).isEqualTo(payload);
        JobProgress failed = kafka.awaitRecords(Topics.JOBS_PROGRESS, ready.metadata().petId(), records -> records
                        .stream().anyMatch(r -> TestKafka.isProgress(r, ready.metadata().jobId(), JobStatus.FAILED)))
                .stream().map(r -> EventCodec.decode(r.value(), JobProgress.class))
                .filter(p -> p.status() == JobStatus.FAILED).findFirst().orElseThrow();
        assertThat(failed.failureReason()).contains("lora_rank");
    }

    @Test
    void aMalformedRecordIsDeadLetteredAndTheConsumerMovesOn() {
        UUID pet = UUID.randomUUID();
        TestKafka.send(Topics.CAPTIONS_READY, pet.toString(), "{not json", Map.of());
        kafka.awaitRecords(Topics.deadLetterOf(Topics.CAPTIONS_READY), pet, records -> !records.isEmpty());
        CaptionsReady after = TrainingOrders.upload(store, TENANT, 1, TrainingOrders.tinyConfig(3, 0, Map.of()));
        TestKafka.publish(after);
        assertThat(awaitJob(after.metadata().jobId()).status).isEqualTo(JobState.QUEUED);
    }

    @Test
    void aCancelledQueuedJobEndsCanceledAndAnotherTenantCannotCancelIt() {
        CaptionsReady mine = TrainingOrders.upload(store, TENANT, 1, TrainingOrders.tinyConfig(3, 0, Map.of()));
        CaptionsReady second = new CaptionsReady(EventMetadata.newChain(TENANT, mine.metadata().petId(),
                UUID.randomUUID()), mine.pet(), mine.dataset(), mine.metadataCsvKey(), mine.captionKeys(),
                mine.triggerToken(), mine.trainingConfig());
        TestKafka.publish(mine);
        TestKafka.publish(second);
        awaitJob(second.metadata().jobId());

        // A report naming the job under another tenant, then a real cancel of the second job, in one partition.
        EventMetadata foreign = new EventMetadata(EventMetadata.CURRENT_SCHEMA_VERSION, UUID.randomUUID(), "globex",
                mine.metadata().petId(), mine.metadata().jobId(), mine.metadata().correlationId(),
                mine.metadata().occurredAt());
        TestKafka.publish(JobProgress.statusChange(foreign, Stage.INGEST, JobStatus.CANCELED, "not yours"));
        TestKafka.publish(JobProgress.statusChange(second.metadata().next(), Stage.INGEST, JobStatus.CANCELED,
                "cancelled by the customer"));

        await().atMost(Duration.ofSeconds(30)).until(() -> awaitJob(second.metadata().jobId()).status
                == JobState.CANCELED);
        assertThat(awaitJob(second.metadata().jobId()).finishedAt).isNotNull();
        assertThat(awaitJob(mine.metadata().jobId()).status).isEqualTo(JobState.QUEUED);
    }
}
