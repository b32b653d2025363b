package com.pawprint.trainer;

import com.pawprint.contracts.CaptionsReady;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.JobProgress;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.LoraTrained;
import com.pawprint.contracts.Topics;
import com.pawprint.localstack.LocalStackResource;
import com.pawprint.storage.ObjectStore;
import com.pawprint.testsupport.TestKafka;
import com.pawprint.trainer.service.TrainingWorker;
import com.pawprint.trainer.service.TrainingRunner;
import com.pawprint.trainer.storage.JobState;
import com.pawprint.trainer.storage.TrainingJob;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workers sharing one queue through leases, driven by the test (the service's own worker is paused): each job is
 * trained once, and a job whose trainer stopped heartbeating is taken over from its uploaded checkpoint.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class TrainingLeaseTest {

    private static TestKafka kafka;

    @Inject
    ObjectStore store;

    @Inject
    TrainingWorker worker;

    @BeforeEach
    void pauseWorker() {
        PausedWorker.pause(worker);
    }

    @AfterEach
    void resumeWorker() {
        worker.resume();
    }

    @Inject
    TrainingRunner runner;

    @BeforeAll
    static void listen() {
        kafka = TestKafka.reading(Duration.ofSeconds(90), Topics.JOBS_PROGRESS, Topics.LORA_TRAINED);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static TrainingJob job(UUID jobId) {
        return QuarkusTransaction.requiringNew().call(() -> TrainingJob.<TrainingJob>findById(jobId));
    }

    private static TrainingJob awaitJob(UUID jobId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> job(jobId), found -> found != null);
    }

    @Test
    void twoWorkersOnOneQueueTrainEachJobOnce() throws Exception {
        List<CaptionsReady> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CaptionsReady ready = TrainingOrders.upload(store, "acme", 1, TrainingOrders.tinyConfig(2, 0, Map.of()));
            TestKafka.publish(ready);
            orders.add(ready);
        }
        orders.forEach(order -> awaitJob(order.metadata().jobId()));

        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> trained = new ArrayList<>();
            for (String owner : List.of("worker-a", "worker-b")) {
                trained.add(workers.submit(() -> {
                    int jobs = 0;
                    while (runner.runNext(owner)) {
                        jobs++;
                    }
                    return jobs;
                }));
            }
            int total = 0;
            for (Future<Integer> worker : trained) {
                total += worker.get(120, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(3);
        } finally {
            workers.shutdownNow();
        }

        for (CaptionsReady order : orders) {
            TrainingJob job = job(order.metadata().jobId());
            assertThat(job.status).isEqualTo(JobState.COMPLETED);
            assertThat(job.attempts).as("claimed once").isEqualTo(1);
            List<ConsumerRecord<String, String>> announced = kafka.awaitRecords(Topics.LORA_TRAINED,
                    order.metadata().petId(), records -> !records.isEmpty());
            assertThat(announced).hasSize(1);
        }
    }

    @Test
    void aJobWhoseTrainerStoppedHeartbeatingIsResumedByAnotherWorkerFromItsCheckpoint() throws Exception {
        CaptionsReady ready = TrainingOrders.upload(store, "acme", 1, TrainingOrders.tinyConfig(20, 2, Map.of()));
        TestKafka.publish(ready);
        UUID jobId = ready.metadata().jobId();
        awaitJob(jobId);

        ExecutorService doomed = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> first = doomed.submit(() -> runner.runNext("doomed-worker"));
            await().atMost(Duration.ofSeconds(60)).until(() -> !job(jobId).checkpointKeys.equals("[]"));
            // The trainer "dies": its lease runs out as if it had stopped heartbeating. It notices at its next step
            // and stops without touching the job again.
            QuarkusTransaction.requiringNew().run(() -> {
                TrainingJob job = TrainingJob.findById(jobId);
                job.leaseOwner = "dead-trainer";
                job.leaseExpiresAt = Instant.now().minusSeconds(1);
            });
            assertThat(first.get(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            doomed.shutdownNow();
        }
        assertThat(job(jobId).status).isEqualTo(JobState.TRAINING);
        assertThat(job(jobId).leaseOwner).isEqualTo("dead-trainer");

        assertThat(runner.runNext("rescuer")).isTrue();

        TrainingJob job = job(jobId);
        assertThat(job.status).isEqualTo(JobState.COMPLETED);
        assertThat(job.attempts).isEqualTo(2);
        assertThat(job.step).isEqualTo(20);
        List<JobProgress> reports = kafka.awaitRecords(Topics.JOBS_PROGRESS, ready.metadata().petId(),
                        records -> records.stream().anyMatch(r -> r.value().contains("resuming")))
                .stream().map(r -> EventCodec.decode(r.value(), JobProgress.class)).toList();
        String resumed = reports.stream().map(JobProgress::message).filter(m -> m != null && m.startsWith("resuming"))
                .findFirst().orElseThrow();
        long resumedAt = Long.parseLong(resumed.replaceAll(".* at step (\\d+) .*", "$1"));
        assertThat(resumedAt).isBetween(2L, 18L).matches(step -> step % 2 == 0, "a saved checkpoint's step");
        LoraTrained trained = EventCodec.decode(kafka.awaitRecords(Topics.LORA_TRAINED, ready.metadata().petId(),
                records -> !records.isEmpty()).get(0).value(), LoraTrained.class);
        assertThat(trained.steps()).isEqualTo(20);
        assertThat(trained.checkpointKeys()).hasSizeGreaterThanOrEqualTo(9);
        assertThat(kafka.of(Topics.LORA_TRAINED, ready.metadata().petId())).hasSize(1);
    }
}
