package com.pawprint.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pawprint.localstack.LocalStackResource;
import com.pawprint.localstack.StackConfig;
import io.minio.MinioClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against a real S3 server: the local stack's S3Proxy (or MinIO with -Dpawprint.stack=containers). */
class MinioObjectStoreTest extends ObjectStoreContract {

    static final int DELETE_BATCH = 10;

    static MinioObjectStore store;
    static StackConfig stack;

    @BeforeAll
    static void connect() {
        stack = StackConfig.fromMap(LocalStackResource.current());
        MinioClient client = MinioClient.builder()
                .endpoint(stack.storageEndpoint())
                .region(stack.storageRegion())
                .credentials(stack.storageAccessKey(), stack.storageSecretKey())
                .build();
        store = new MinioObjectStore(client, client, "storage-contract", Duration.ofMinutes(15), DELETE_BATCH);
        store.ensureBucket();
    }

    @Override
    ObjectStore store() {
        return store;
    }

    @Test
    void ensureBucketIsIdempotent() {
        store.ensureBucket();
        assertTrue(store.bucketExists());
    }

    @Test
    void presignedGetDownloadsWithoutCredentials() throws Exception {
        byte[] data = "a presigned photo".getBytes(StandardCharsets.UTF_8);
        store.put(pet.photoThumbnail("p1"), data, "image/jpeg");

        URI url = store.presignedGet(pet.photoThumbnail("p1"));
        assertTrue(url.toString().startsWith(stack.storageEndpoint() + "/storage-contract/"), url.toString());
        assertTrue(url.getQuery().contains("X-Amz-Expires=900"), url.toString());

        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertArrayEquals(data, response.body());
    }

    @Test
    void tamperedPresignedUrlIsRefused() throws Exception {
        store.put(pet.photoThumbnail("p1"), new byte[] {1}, "image/jpeg");
        store.put(pet.photoOriginal("p1"), new byte[] {2}, "image/jpeg");
        URI thumbnail = store.presignedGet(pet.photoThumbnail("p1"));
        URI original = URI.create(thumbnail.toString().replace("/thumbnail?", "/original?"));

        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(original).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(403, response.statusCode());
    }

    @Test
    void deletePrefixRemovesMoreThanOneBatch() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2 * DELETE_BATCH + 5; i++) {
            keys.add(pet.datasetCaption("j1", "p" + i));
        }
        keys.forEach(key -> store.put(key, new byte[] {1}, "text/plain"));
        assertEquals(keys.size(), store.deletePrefix(pet.datasetPrefix("j1")));
        assertTrue(store.list(pet.prefix()).isEmpty());
    }

    @Test
    void unreachableServerIsAStorageException() {
        MinioClient nowhere = MinioClient.builder().endpoint("http://127.0.0.1:1").region("us-east-1")
                .credentials("a", "b").build();
        MinioObjectStore unreachable = new MinioObjectStore(nowhere, nowhere, "unreachable", Duration.ofMinutes(1));
        assertThrows(StorageException.class, unreachable::bucketExists);
        assertThrows(StorageException.class, () -> unreachable.list(pet.prefix()));
    }
}
