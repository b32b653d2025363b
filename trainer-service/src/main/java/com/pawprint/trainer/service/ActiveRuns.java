package com.pawprint.trainer.service;

import com.pawprint.diffusion.pipeline.CancellationToken;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs training in this JVM and how to stop them. A stopped run ends at its next step with a checkpoint
 * ({@code LoraTrainer} saves one on cancel); the reason decides what happens to the job afterwards.
 */
@ApplicationScoped
public class ActiveRuns {

    public enum StopReason {
        /** The order was cancelled: the job ends CANCELED, its last checkpoint kept. */
        CANCEL_REQUESTED,
        /** Another worker holds the job now: leave it alone. */
        LEASE_LOST,
        /** This service is stopping: the job goes back to the queue and resumes elsewhere. */
        SHUTDOWN
    }

    /** One run's cancellation token and why it was stopped (the first reason wins). */
    public static final class RunControl {
        private final CancellationToken token = new CancellationToken();
        private volatile StopReason reason;

        public CancellationToken token() {
            return token;
        }

        public StopReason reason() {
            return reason;
        }

        public synchronized void stop(StopReason why) {
            if (reason == null) {
                reason = why;
            }
            token.cancel();
        }
    }

    private final Map<UUID, RunControl> runs = new ConcurrentHashMap<>();

    RunControl start(UUID jobId) {
        RunControl control = new RunControl();
        runs.put(jobId, control);
        return control;
    }

    void end(UUID jobId, RunControl control) {
        runs.remove(jobId, control);
    }

    /** Stops the job's run if it trains here; false when it does not. */
    public boolean stop(UUID jobId, StopReason why) {
        RunControl control = runs.get(jobId);
        if (control == null) {
            return false;
        }
        control.stop(why);
        return true;
    }

    @PreDestroy
    void stopAll() {
        runs.values().forEach(control -> control.stop(StopReason.SHUTDOWN));
    }
}
