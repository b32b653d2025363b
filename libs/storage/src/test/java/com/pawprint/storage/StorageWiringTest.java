package com.pawprint.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a service gets by depending on this module: the injectable store, its bucket, readiness, presigning. */
@QuarkusTest
@WithTestResource(StorageWiringTestResource.class)
class StorageWiringTest {

    @Inject
    ObjectStore store;

    @Inject
    MinioObjectStore minioStore;

    @Test
    void bucketIsCreatedAtStartUp() {
        assertEquals(StorageWiringTestResource.BUCKET, minioStore.bucket());
        assertTrue(minioStore.bucketExists());
    }

    @Test
    void readinessReportsTheBucket() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(StorageReadinessCheck.NAME));
    }

    @Test
    void presignedUrlsUseThePublicEndpointAndConfiguredExpiry() throws Exception {
        String key = ObjectKeys.pet("tenant-1", "pet-1").photoThumbnail("photo-1");
        byte[] data = "thumbnail".getBytes(StandardCharsets.UTF_8);
        store.put(key, data, "image/jpeg");

        URI url = store.presignedGet(key);
        assertEquals("localhost", url.getHost());
        assertTrue(url.getQuery().contains("X-Amz-Expires=120"), url.toString());
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertArrayEquals(data, response.body());
    }
}
