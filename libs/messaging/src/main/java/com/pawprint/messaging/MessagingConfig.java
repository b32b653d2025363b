package com.pawprint.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "pawprint.messaging")
public interface MessagingConfig {

    /** How long a dead letter, progress report or outbox record may wait for the broker's acknowledgement. */
    @WithDefault("30s")
    Duration sendTimeout();

    Outbox outbox();

    interface Outbox {
        /**
         * Whether this service publishes through the transactional outbox. Read at build time: without it the outbox
         * beans do not exist, so a service without the {@code outbox} table never polls it.
         */
        @WithDefault("false")
        boolean enabled();

        /** How often the relay looks for unsent events (read by its @Scheduled expression). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Rows sent per relay pass. */
        @WithDefault("100")
        int batchSize();
    }
}
