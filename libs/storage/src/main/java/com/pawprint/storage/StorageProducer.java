package com.pawprint.storage;

import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/** Makes the MinIO client and the {@link ObjectStore} (as {@link MinioObjectStore}) injectable. */
@ApplicationScoped
public class StorageProducer {

    /** Connect quickly or fail: a hung connect would stall readiness checks and requests alike. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(5);

    @Produces
    @Singleton
    MinioClient minioClient(StorageConfig config) {
        return client(config.endpoint(), config);
    }

    @Produces
    @Singleton
    MinioObjectStore objectStore(MinioClient client, StorageConfig config) {
        MinioClient presignClient = config.publicEndpoint().map(endpoint -> client(endpoint, config)).orElse(client);
        return new MinioObjectStore(client, presignClient, config.bucket(), config.presignExpiry());
    }

    private static MinioClient client(String endpoint, StorageConfig config) {
        MinioClient client = MinioClient.builder()
                .endpoint(endpoint)
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .build();
        client.setTimeout(CONNECT_TIMEOUT.toMillis(), TRANSFER_TIMEOUT.toMillis(), TRANSFER_TIMEOUT.toMillis());
        return client;
    }
}
