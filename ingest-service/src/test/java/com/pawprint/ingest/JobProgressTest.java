package com.pawprint.ingest;

import com.pawprint.contracts.CloudEventHeaders;
import com.pawprint.contracts.DeadLetter;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.EventMetadata;
import com.pawprint.contracts.JobProgress;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.Stage;
import com.pawprint.contracts.Topics;
import com.pawprint.ingest.messaging.JobProgressConsumer;
import com.pawprint.localstack.LocalStackResource;
import com.pawprint.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(LocalStackResource.class)
class JobProgressTest {

    private static Api.Tenant tenant;

    @Inject
    JobProgressConsumer consumer;

    /** RestAssured knows the app's random port only per test, so shared data is made on the first one. */
    @BeforeEach
    void tenant() {
        if (tenant != null) {
            return;
        }
        tenant = Api.newTenant("job-progress-test");
    }

    /** A job just ordered: its pet and the metadata its stages would build their reports from. */
    record OrderedJob(UUID petId, UUID jobId, EventMetadata metadata) {

        JobProgress report(Stage stage, JobStatus status) {
            return JobProgress.statusChange(metadata.next(), stage, status, null);
        }
    }

    static OrderedJob orderJob(String petName, int firstSeed) {
        UUID pet = Api.createPet(tenant, petName, "cat");
        Api.uploadAccepted(tenant, pet, List.of(Samples.pet(firstSeed), Samples.pet(firstSeed + 1)));
        UUID job = UUID.fromString(Api.order(tenant, pet, UUID.randomUUID().toString(), "application/json", "{}")
                .then().statusCode(201).extract().path("id"));
        return new OrderedJob(pet, job, new EventMetadata(EventMetadata.CURRENT_SCHEMA_VERSION, UUID.randomUUID(),
                tenant.id(), pet, job, UUID.randomUUID(), Instant.now()));
    }

    /**
     * A second job of the same pet. Its reports have the same record key, so they are read after the first job's
     * earlier reports: once its status shows, everything sent before it has been handled.
     */
    static OrderedJob anotherJobOf(OrderedJob job) {
        UUID second = UUID.fromString(Api.order(tenant, job.petId(), UUID.randomUUID().toString(),
                "application/json", "{\"epochs\": 2}").then().statusCode(201).extract().path("id"));
        return new OrderedJob(job.petId(), second, new EventMetadata(EventMetadata.CURRENT_SCHEMA_VERSION,
                UUID.randomUUID(), tenant.id(), job.petId(), second, UUID.randomUUID(), Instant.now()));
    }

    @Test
    void aRedeliveredReportHasNoSecondEffect() {
        OrderedJob job = orderJob("Redelivered", 241);
        JobProgress captioning = job.report(Stage.LABELING, JobStatus.CAPTIONING);
        consumer.consume(record(captioning));
        consumer.consume(record(job.report(Stage.LABELING, JobStatus.AWAITING_REVIEW)));
        // Back to CAPTIONING would be a legal move (a reviewer may ask for new captions): only the event id stops it.
        consumer.consume(record(captioning));
        tenant.request().get("/v1/jobs/" + job.jobId()).then().body("status", equalTo("AWAITING_REVIEW"));
    }

    private static ConsumerRecord<String, String> record(JobProgress report) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.JOBS_PROGRESS, 0, 0L,
                CloudEventHeaders.recordKey(report), EventCodec.encode(report));
        CloudEventHeaders.of(report, TestKafka.TEST_SOURCE).forEach((name, value) ->
                record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    @Test
    void stageReportsMoveTheJobAndProgressIsShown() {
        OrderedJob job = orderJob("Progress", 201);
        TestKafka.publish(job.report(Stage.LABELING, JobStatus.CAPTIONING));
        TestKafka.publish(new JobProgress(job.metadata().next(), Stage.TRAINING, JobStatus.TRAINING, 250L, 1000L,
                25.0, 90L, 0.125, "training", null));
        awaitJob(job, "TRAINING");
        tenant.request().get("/v1/jobs/" + job.jobId()).then()
                .body("stage", equalTo("TRAINING"))
                .body("progress.step", equalTo(250))
                .body("progress.totalSteps", equalTo(1000))
                .body("progress.percent", equalTo(25.0f))
                .body("progress.etaSeconds", equalTo(90))
                .body("progress.loss", equalTo(0.125f));

        // Backwards is illegal and ignored; the report after it proves it was read.
        TestKafka.publish(job.report(Stage.LABELING, JobStatus.CAPTIONING));
        TestKafka.publish(JobProgress.failure(job.metadata().next(), Stage.RENDERING, "out of memory"));
        awaitJob(job, "FAILED");
        tenant.request().get("/v1/jobs/" + job.jobId()).then()
                .body("stage", equalTo("RENDERING"))
                .body("failureReason", equalTo("out of memory"));

        // A finished job never moves again.
        TestKafka.publish(job.report(Stage.MERCH, JobStatus.DONE));
        OrderedJob marker = anotherJobOf(job);
        TestKafka.publish(marker.report(Stage.LABELING, JobStatus.CAPTIONING));
        awaitJob(marker, "CAPTIONING");
        tenant.request().get("/v1/jobs/" + job.jobId()).then().body("status", equalTo("FAILED"));
    }

    @Test
    void cancelingStopsTheJobAndTellsTheStages() {
        OrderedJob job = orderJob("Cancel", 221);
        tenant.request().post("/v1/jobs/" + job.jobId() + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELED"));
        tenant.request().post("/v1/jobs/" + job.jobId() + "/cancel").then().statusCode(409)
                .contentType("application/problem+json");
        try (TestKafka kafka = TestKafka.reading(Topics.JOBS_PROGRESS)) {
            List<ConsumerRecord<String, String>> records = kafka.awaitRecords(all -> all.stream()
                    .anyMatch(record -> isCancelOf(record, job.jobId())));
            assertThat(records).anyMatch(record -> isCancelOf(record, job.jobId()));
        }
        TestKafka.publish(job.report(Stage.TRAINING, JobStatus.TRAINING));
        OrderedJob marker = anotherJobOf(job);
        TestKafka.publish(marker.report(Stage.LABELING, JobStatus.CAPTIONING));
        awaitJob(marker, "CAPTIONING");
        tenant.request().get("/v1/jobs/" + job.jobId()).then().body("status", equalTo("CANCELED"));
    }

    @Test
    void anUnreadableReportGoesToTheDeadLetterTopic() {
        String key = UUID.randomUUID().toString();
        TestKafka.send(Topics.JOBS_PROGRESS, key, "{not json", Map.of("ce_specversion", "1.0"));
        try (TestKafka kafka = TestKafka.reading(Topics.deadLetterOf(Topics.JOBS_PROGRESS))) {
            ConsumerRecord<String, String> record = kafka.awaitRecords(all -> all.stream()
                    .anyMatch(r -> key.equals(r.key()))).stream().filter(r -> key.equals(r.key())).findFirst()
                    .orElseThrow();
            DeadLetter letter = EventCodec.decodeDeadLetter(record.value());
            assertThat(letter.payload()).isEqualTo("{not json");
            assertThat(letter.originalTopic()).isEqualTo(Topics.JOBS_PROGRESS);
            assertThat(letter.stage()).isEqualTo(Stage.INGEST);
            assertThat(letter.reason()).isNotBlank();
        }
    }

    private static boolean isCancelOf(ConsumerRecord<String, String> record, UUID jobId) {
        return TestKafka.isProgress(record, jobId, JobStatus.CANCELED)
                && EventCodec.decode(record.value(), JobProgress.class).stage() == Stage.INGEST;
    }

    static void awaitJob(OrderedJob job, String status) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                tenant.request().get("/v1/jobs/" + job.jobId()).then().body("status", equalTo(status)));
    }
}
