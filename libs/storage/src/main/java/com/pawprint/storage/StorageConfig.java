package com.pawprint.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where the environment's bucket lives ({@code pawprint.storage.*}). */
@ConfigMapping(prefix = "pawprint.storage")
public interface StorageConfig {

    /** S3 API endpoint as the services reach it, e.g. {@code http://localhost:9000}. */
    String endpoint();

    String accessKey();

    String secretKey();

    /** Fixed so that the client never has to ask the server for the bucket's region. */
    @WithDefault("us-east-1")
    String region();

    @WithDefault("pawprint")
    String bucket();

    /** Validity of presigned download URLs. */
    @WithDefault("PT15M")
    Duration presignExpiry();

    /** The endpoint as clients reach it, when that differs (a proxy, a cluster ingress); used only for signing. */
    Optional<String> publicEndpoint();
}
