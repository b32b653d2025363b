package com.pawprint.trainer.service;

import com.pawprint.models.DeviceWorkLoop;
import com.pawprint.trainer.config.TrainerConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

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
    private final DeviceWorkLoop loop = new DeviceWorkLoop();

    public TrainingWorker(TrainingRunner runner, TrainerConfig config) {
        this.runner = runner;
        this.config = config;
    }

    @Scheduled(every = "${pawprint.trainer.worker.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (config.worker().enabled()) {
            loop.drain(() -> runner.runNext(owner));
        }
    }

    /** Claims no further job; the one in hand trains to its end. Wait for {@link #isIdle()} to know it has. */
    public void pause() {
        loop.pause();
    }

    public void resume() {
        loop.resume();
    }

    /** No job in hand (paused or not). */
    public boolean isIdle() {
        return loop.isIdle();
    }
}
