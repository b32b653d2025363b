package com.pawprint.render.service;

import com.pawprint.render.config.RenderConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This instance's renderer: one group of tasks at a time (the device holds one model), polling the queue while
 * idle. Replicas share the queue through the leases. {@link #pause()} drains it: the group in hand finishes, no new
 * one is claimed until {@link #resume()}.
 */
@ApplicationScoped
public class RenderWorker {

    private final RenderRunner runner;
    private final RenderConfig config;
    /** The lease owner: unique per process, so a restarted renderer does not mistake its old leases for its own. */
    private final String owner = "renderer-" + UUID.randomUUID();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean busy = new AtomicBoolean();

    public RenderWorker(RenderRunner runner, RenderConfig config) {
        this.runner = runner;
        this.config = config;
    }

    @Scheduled(every = "${pawprint.render.worker.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!config.worker().enabled()) {
            return;
        }
        // Busy before looking at the pause flag (and pause() the other way round): a pause never misses a claim.
        busy.set(true);
        try {
            while (!paused.get() && runner.runNext(owner)) {
                // Keep going while tasks are waiting; sleep only when the queue is empty.
            }
        } finally {
            busy.set(false);
        }
    }

    /** Claims nothing further; the group in hand renders to its end. Wait for {@link #isIdle()} to know it has. */
    public void pause() {
        paused.set(true);
    }

    public void resume() {
        paused.set(false);
    }

    public boolean isIdle() {
        return !busy.get();
    }
}
