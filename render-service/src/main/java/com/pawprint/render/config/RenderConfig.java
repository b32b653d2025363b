package com.pawprint.render.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Settings of render-service under {@code pawprint.render}. */
@ConfigMapping(prefix = "pawprint.render")
public interface RenderConfig {

    /** The device the worker renders on: {@code auto} (the first GPU, else the CPU), {@code cpu} or {@code cuda:N}. */
    @WithDefault("auto")
    String device();

    /** Local cache of LoRA files, by the sha256 of their bytes. */
    @WithDefault("${java.io.tmpdir}/pawprint-render")
    Path workDir();

    /** A YAML file that replaces the built-in style presets (classpath {@code styles.yaml}). */
    Optional<String> stylesFile();

    /** LoRAs kept loaded beside the base model (by file hash), so a tenant's next render does not read its file. */
    @WithDefault("8")
    int loraCacheSize();

    /** Long side of the web-size JPEG preview next to each PNG. */
    @WithDefault("512")
    int previewSize();

    Limits limits();

    Worker worker();

    /** What an on-demand request may ask for. */
    interface Limits {
        /** Largest width or height in pixels. */
        @WithDefault("1024")
        int maxSide();

        @WithDefault("150")
        int maxSteps();

        @WithDefault("30")
        double maxCfgScale();

        /** Images per request. */
        @WithDefault("8")
        int maxCount();

        /** Characters of prompt or negative prompt. */
        @WithDefault("4000")
        int maxPromptLength();
    }

    interface Worker {
        /** Whether this instance renders at all; an API-only replica sets false. */
        @WithDefault("true")
        boolean enabled();

        /** How often an idle worker looks for a task. */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * How long a claimed task stays this worker's without a heartbeat; renewed every third of this. A task whose
         * lease ran out (its renderer died or restarted) is claimed again and rendered from its first unfinished image.
         */
        @WithDefault("2m")
        Duration leaseDuration();

        /** Tasks of the same LoRA claimed together and rendered with the LoRA attached once. */
        @WithDefault("4")
        int groupSize();

        /** Claims of one task after which an error that is not the request's own fails it. */
        @WithDefault("3")
        int maxAttempts();
    }
}
