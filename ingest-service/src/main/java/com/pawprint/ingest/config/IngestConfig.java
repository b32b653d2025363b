package com.pawprint.ingest.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Settings of ingest-service under {@code pawprint.ingest}. */
@ConfigMapping(prefix = "pawprint.ingest")
public interface IngestConfig {

    Upload upload();

    Quality quality();

    Orders orders();

    Webhooks webhooks();

    interface Upload {
        /**
         * Largest single file; a larger one makes the whole request 413. The whole body is limited by
         * {@code quarkus.http.limits.max-body-size}.
         */
        @WithDefault("25M")
        MemorySize maxFileBytes();

        @WithDefault("100")
        int maxFilesPerRequest();

        /** Uploads one tenant may have in flight at once; more are answered 429 before their body is read. */
        @WithDefault("4")
        int maxConcurrentPerTenant();

        /** Uploads the service takes at once over all tenants; at this many, readiness reports DOWN. */
        @WithDefault("64")
        int maxConcurrent();

        /** The Retry-After of a 429 for an upload over either limit. */
        @WithDefault("5s")
        Duration retryAfter();
    }

    /** The rules of the quality gate every uploaded file passes. */
    interface Quality {
        /** Smallest accepted short side in pixels: the training resolution. */
        @WithDefault("512")
        int minShortSide();

        /** Smallest accepted variance of the Laplacian; below it a photo counts as blurred. */
        @WithDefault("40")
        double minSharpness();

        /** Photos whose perceptual hashes differ in at most this many of 64 bits are near-duplicates. */
        @WithDefault("6")
        int maxDuplicateDistance();

        /** Largest width x height, read from the header before decoding: decompression bombs stop here. */
        @WithDefault("50000000")
        long maxPixels();
    }

    interface Orders {
        /** A training order needs at least this many accepted photos of the pet. */
        @WithDefault("5")
        int minAcceptedPhotos();
    }

    interface Webhooks {
        /** How often due deliveries are looked for (read by the dispatcher's @Scheduled expression). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Attempts before a delivery is given up (marked FAILED). */
        @WithDefault("8")
        int maxAttempts();

        /** Delay before the second attempt; it doubles after each failure. */
        @WithDefault("PT5S")
        Duration initialBackoff();

        @WithDefault("PT1H")
        Duration maxBackoff();

        @WithDefault("PT10S")
        Duration requestTimeout();

        /**
         * Host names (as written in the URL) exempt from the https and public-address rules of
         * {@link com.pawprint.ingest.service.WebhookTargets}: an internal relay the operator runs. None by default.
         */
        Optional<Set<String>> trustedHosts();

        /**
         * Base64 of the 32-byte AES key that seals the endpoints' signing secrets in the database. Required outside
         * the dev and test profiles (PAWPRINT_INGEST_WEBHOOKS_SECRET_KEY); changing it makes stored secrets unusable.
         */
        String secretKey();
    }
}
