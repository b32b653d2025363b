package com.pawprint.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "pawprint.messaging")
public interface MessagingConfig {

    /** How long a dead letter or progress report may wait for the broker's acknowledgement. */
    @WithDefault("30s")
    Duration sendTimeout();
}
