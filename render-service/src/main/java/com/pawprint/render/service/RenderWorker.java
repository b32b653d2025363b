package com.pawprint.render.service;

import com.pawprint.models.DeviceWorkLoop;
import com.pawprint.render.config.RenderConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * This instance's renderer: one group of tasks at a time (the device holds one model), polling the queue while
 * idle. Replicas share the queue through the leases; {@link #pause()} drains it.
 */
@ApplicationScoped
public class RenderWorker {

    private final RenderRunner runner;
    private final RenderConfig config;
    /** The lease owner: unique per process, so a restarted renderer does not mistake its old leases for its own. */
    private final String owner = "renderer-" + UUID.randomUUID();
    private final DeviceWorkLoop loop = new DeviceWorkLoop();

    public RenderWorker(RenderRunner runner, RenderConfig config) {
        this.runner = runner;
        this.config = config;
    }

    @Scheduled(every = "${pawprint.render.worker.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (config.worker().enabled()) {
            loop.drain(() -> runner.runNext(owner));
        }
    }

    /** Claims nothing further; the group in hand renders to its end. Wait for {@link #isIdle()} to know it has. */
    public void pause() {
        loop.pause();
    }

    public void resume() {
        loop.resume();
    }

    public boolean isIdle() {
        return loop.isIdle();
    }
}
