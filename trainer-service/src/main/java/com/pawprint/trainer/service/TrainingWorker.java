package com.pawprint.trainer.service;

import com.pawprint.trainer.config.TrainerConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This instance's trainer: one job at a time (the device holds one model and one run), polling the queue while idle.
 * Replicas share the queue through the leases. {@link #pause()} drains it: the current job finishes, no new one is
 * claimed until {@link #resume()}.
 */
@ApplicationScoped
public class TrainingWorker {

    private final TrainingRunner runner;
    private final TrainerConfig config;
    /** The lease owner: unique per process, so a restarted trainer does not mistake its old leases for its own. */
    private final String owner = "trainer-" + UUID.randomUUID();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean busy = new AtomicBoolean();

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
        // Busy before looking at the pause flag (and pause() the other way round): a pause never misses a claim.
        busy.set(true);
        try {
            while (!paused.get() && runner.runNext(owner)) {
                // Keep going while jobs are waiting; sleep only when the queue is empty.
            }
        } finally {
            busy.set(false);
        }
    }

    /** Claims no further job; the one in hand trains to its end. Wait for {@link #isIdle()} to know it has. */
    public void pause() {
        paused.set(true);
    }

    public void resume() {
        paused.set(false);
    }

    /** No job in hand (paused or not). */
    public boolean isIdle() {
        return !busy.get();
    }

    public String owner() {
        return owner;
    }
}
