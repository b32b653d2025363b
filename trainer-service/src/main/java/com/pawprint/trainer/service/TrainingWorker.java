package com.pawprint.trainer.service;

import com.pawprint.trainer.config.TrainerConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * This instance's trainer: one job at a time (the device holds one model and one run), polling the queue while idle.
 * Replicas share the queue through the leases.
 */
@ApplicationScoped
public class TrainingWorker {

    private final TrainingRunner runner;
    private final TrainerConfig config;
    /** The lease owner: unique per process, so a restarted trainer does not mistake its old leases for its own. */
    private final String owner = "trainer-" + UUID.randomUUID();

    public TrainingWorker(TrainingRunner runner, TrainerConfig config) {
        this.runner = runner;
        this.config = config;
    }

    @Scheduled(every = "${pawprint.trainer.worker.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!config.worker().enabled()) {
            return;
        }
        while (runner.runNext(owner)) {
            // Keep going while jobs are waiting; sleep only when the queue is empty.
        }
    }

    public String owner() {
        return owner;
    }
}
