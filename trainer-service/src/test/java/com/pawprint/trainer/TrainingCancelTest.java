package com.pawprint.trainer;

import com.pawprint.contracts.CaptionsReady;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.JobProgress;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.Stage;
import com.pawprint.contracts.Topics;
import com.pawprint.localstack.LocalStackResource;
import com.pawprint.storage.ObjectStore;
import com.pawprint.testsupport.TestKafka;
import com.pawprint.trainer.service.JobLeases;
import com.pawprint.trainer.storage.JobState;
import com.pawprint.trainer.storage.TrainingJob;
import com.pawprint.training.run.Checkpoint;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A CANCELED report from ingest-service stops a running training at its next step, keeping a checkpoint. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class TrainingCancelTest {

    private static TestKafka kafka;

    @Inject
    ObjectStore store;

    @BeforeAll
    static void listen() {
        kafka = TestKafka.reading(Duration.ofSeconds(90), Topics.JOBS_PROGRESS, Topics.LORA_TRAINED);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void aCancelledOrderStopsItsTrainingKeepsTheLastCheckpointAndReleasesTheLease() {
        // Far more steps than the test waits for, and no periodic checkpoints: the one kept is the cancel's.
        CaptionsReady ready = TrainingOrders.upload(store, "acme", 2, TrainingOrders.tinyConfig(400, 0, Map.of()));
        TestKafka.publish(ready);
        kafka.awaitRecords(Topics.JOBS_PROGRESS, ready.metadata().petId(), records -> records.stream()
                .map(r -> EventCodec.decode(r.value(), JobProgress.class))
                .anyMatch(p -> p.status() == JobStatus.TRAINING && p.step() != null && p.step() >= 2));

        // What ingest-service sends when the customer cancels the order.
        TestKafka.publish(JobProgress.statusChange(ready.metadata().next(), Stage.INGEST, JobStatus.CANCELED,
                "cancelled by the customer"));

        TrainingJob job = await().atMost(Duration.ofSeconds(30)).until(
                () -> TrainingFlowTest.job(ready.metadata().jobId()), found -> found.status == JobState.CANCELED);
        assertThat(job.step).isBetween(2L, 399L);
        assertThat(job.leaseOwner).isNull();
        assertThat(job.leaseExpiresAt).isNull();
        List<String> checkpoints = JobLeases.checkpointKeys(job);
        assertThat(checkpoints).hasSize(1);
        assertThat(checkpoints.get(0)).contains("/checkpoints/" + Checkpoint.folderName(job.step) + "/");
        assertThat(store.exists(checkpoints.get(0))).isTrue();
        assertThat(store.exists(checkpoints.get(0).replace(Checkpoint.LORA, Checkpoint.STATE))).isTrue();
        // Completing needs the lease the cancel released: no lora.trained can follow.
        assertThat(kafka.of(Topics.LORA_TRAINED, ready.metadata().petId())).isEmpty();
    }
}
