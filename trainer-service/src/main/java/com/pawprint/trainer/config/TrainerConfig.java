package com.pawprint.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

/** Settings of trainer-service under {@code pawprint.trainer}. */
@ConfigMapping(prefix = "pawprint.trainer")
public interface TrainerConfig {

    /** The device the worker trains on: {@code auto} (the first GPU, else the CPU), {@code cpu} or {@code cuda:N}. */
    @WithDefault("auto")
    String device();

    /** Each running job's dataset and output folder. */
    @WithDefault("${java.io.tmpdir}/pawprint-trainer")
    Path workDir();

    /** Sampler steps per sample image (kohya's default is 20). */
    @WithDefault("20")
    int sampleSteps();

    Worker worker();

    interface Worker {
        /** Whether this instance trains at all; an API-only replica sets false. */
        @WithDefault("true")
        boolean enabled();

        /** How often an idle worker looks for a job. */
        @WithDefault("2s")
        Duration pollInterval();

        /**
         * How long a claimed job stays this worker's without a heartbeat; the heartbeat renews it every third of
         * this. A job whose lease ran out (a dead trainer) is taken over by another worker from its last checkpoint.
         */
        @WithDefault("2m")
        Duration leaseDuration();

        /** Claims of one job (including take-overs) after which an error that is not the run's own fails it. */
        @WithDefault("3")
        int maxAttempts();
    }
}
