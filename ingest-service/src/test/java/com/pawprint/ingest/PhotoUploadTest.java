package com.pawprint.ingest;

import com.pawprint.localstack.LocalStackResource;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(LocalStackResource.class)
class PhotoUploadTest {

    private static Api.Tenant tenant;

    @Inject
    ObjectStore store;

    /** RestAssured knows the app's random port only per test, so shared data is made on the first one. */
    @BeforeEach
    void tenant() {
        if (tenant != null) {
            return;
        }
        tenant = Api.newTenant("photo-upload-test");
    }

    @Test
    void storesOriginalNormalizedAndThumbnailOfEachAcceptedPhoto() throws Exception {
        UUID pet = Api.createPet(tenant, "Mochi", "cat");
        List<UUID> photos = Api.uploadAccepted(tenant, pet, List.of(Samples.pet(11), Samples.pet(12)));

        String photoPrefix = ObjectKeys.pet(tenant.id(), pet.toString()).prefix() + "photos/";
        for (UUID photo : photos) {
            for (String kind : List.of("original", "normalized", "thumbnail")) {
                assertThat(store.exists(photoPrefix + photo + "/" + kind)).as(kind + " of " + photo).isTrue();
            }
        }
        List<String> thumbnailUrls = tenant.request().get("/v1/pets/" + pet + "/photos").then().statusCode(200)
                .body("id", contains(photos.get(0).toString(), photos.get(1).toString()))
                .extract().path("thumbnailUrl");
        HttpResponse<byte[]> thumbnail = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(thumbnailUrls.get(0))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(thumbnail.statusCode()).isEqualTo(200);
        assertThat(thumbnail.body()).startsWith(0xFF, 0xD8); // a JPEG, served without credentials
    }

    @Test
    void givesAVerdictPerFileAndKeepsTheGoodOnes() {
        UUID pet = Api.createPet(tenant, "Rex", "dog");
        Response response = Api.files(tenant, List.of(Samples.pet(21), Samples.notAnImage(), Samples.truncated(),
                        Samples.empty(), Samples.pngBomb(), Samples.tiny(), Samples.blurred(),
                        Samples.nearDuplicateOf(21), Samples.named("../../etc/cat.jpg", Samples.pet(22))))
                .post("/v1/pets/" + pet + "/photos");
        response.then().statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected", equalTo(8))
                .body("files.index", contains(0, 1, 2, 3, 4, 5, 6, 7, 8))
                .body("files.accepted", contains(true, false, false, false, false, false, false, false, false))
                .body("files.reason", contains(null, "not_an_image", "truncated", "empty", "too_large_dimensions",
                        "too_small", "too_blurry", "near_duplicate", "invalid_file_name"));
        tenant.request().get("/v1/pets/" + pet + "/photos").then().body("$", hasSize(1));
    }

    @Test
    void anUploadWithNoAcceptedFileIsAProblemListingEveryVerdict() {
        UUID pet = Api.createPet(tenant, "Kiki", "cat");
        for (Api.NamedFile bad : List.of(Samples.notAnImage(), Samples.truncated(), Samples.empty(),
                Samples.pngBomb(), Samples.named("photos/cat.jpg", Samples.pet(31)),
                Samples.named("C:\\Users\\me\\cat.jpg", Samples.pet(32)))) {
            Api.files(tenant, List.of(bad)).post("/v1/pets/" + pet + "/photos").then()
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", startsWith("https://pawprint.dev/problems/"))
                    .body("files", hasSize(1))
                    .body("files[0].accepted", equalTo(false));
        }
        tenant.request().get("/v1/pets/" + pet + "/photos").then().body("$", hasSize(0));
        assertThat(store.list(ObjectKeys.pet(tenant.id(), pet.toString()).prefix())).isEmpty();
    }

    @Test
    void aRequestWithoutFilesIsAProblem() {
        UUID pet = Api.createPet(tenant, "Nobody", "dog");
        tenant.request().multiPart("note", "no files here").post("/v1/pets/" + pet + "/photos").then()
                .statusCode(422).contentType("application/problem+json");
    }

    @Test
    void aFileOverThePerFileLimitIs413() {
        UUID pet = Api.createPet(tenant, "Big", "dog");
        byte[] tooLarge = new byte[(int) Samples.MAX_FILE_BYTES + 1];
        Api.files(tenant, List.of(Samples.pet(41), new Api.NamedFile("huge.jpg", tooLarge, "image/jpeg")))
                .post("/v1/pets/" + pet + "/photos").then()
                .statusCode(413).contentType("application/problem+json");
        tenant.request().get("/v1/pets/" + pet + "/photos").then().body("$", hasSize(0));
    }

    @Test
    void aBodyOverTheRequestLimitIs413BeforeItIsRead() throws Exception {
        UUID pet = Api.createPet(tenant, "Bigger", "dog");
        URI base = URI.create(Api.baseUri());
        // Only the headers are sent: the answer must come from the declared length, before any body is read.
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            String request = "POST /v1/pets/" + pet + "/photos HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + "\r\n"
                    + "Authorization: Bearer " + tenant.token() + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=xyz\r\n"
                    + "Content-Length: " + (Samples.MAX_BODY_BYTES + 1) + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader answer = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(answer.readLine()).startsWith("HTTP/1.1 413");
            List<String> headers = answer.lines().takeWhile(line -> !line.isEmpty())
                    .map(line -> line.toLowerCase(Locale.ROOT)).toList();
            assertThat(headers).anyMatch(header -> header.startsWith("content-type: application/problem+json"));
        }
    }

    @Test
    void deletesAPhotoAndItsObjects() {
        UUID pet = Api.createPet(tenant, "Gone", "cat");
        UUID photo = Api.uploadAccepted(tenant, pet, List.of(Samples.pet(51))).get(0);
        String prefix = ObjectKeys.pet(tenant.id(), pet.toString()).photoPrefix(photo.toString());
        assertThat(store.list(prefix)).hasSize(3);

        tenant.request().delete("/v1/pets/" + pet + "/photos/" + photo).then().statusCode(204);
        assertThat(store.list(prefix)).isEmpty();
        tenant.request().get("/v1/pets/" + pet + "/photos").then().body("$", hasSize(0));
        tenant.request().delete("/v1/pets/" + pet + "/photos/" + photo).then().statusCode(404);
    }

    @Test
    void parallelUploadsOfOnePhotoStoreItOnce() throws Exception {
        UUID pet = Api.createPet(tenant, "Twin", "cat");
        Api.NamedFile photo = Samples.pet(51);
        int uploads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(uploads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int upload = 0; upload < uploads; upload++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return Api.files(tenant, List.of(photo)).post("/v1/pets/" + pet + "/photos").statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(2, TimeUnit.MINUTES));
            }
            // One upload stores the photo; every other one is told it is a duplicate (422: nothing was accepted).
            assertThat(statuses).containsOnly(200, 422).containsOnlyOnce(200);
        } finally {
            pool.shutdownNow();
        }
        tenant.request().get("/v1/pets/" + pet + "/photos").then().body("$", hasSize(1));
        assertThat(store.list(ObjectKeys.pet(tenant.id(), pet.toString()).prefix() + "photos/")).hasSize(3);
    }

    @Test
    void malformedMultipartBodiesAre400Problems() throws Exception {
        UUID pet = Api.createPet(tenant, "Broken", "dog");
        byte[] photo = Samples.pet(61).bytes();
        String part = "--abc\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n";
        byte[] unclosed = concat(part.getBytes(StandardCharsets.US_ASCII), photo);
        byte[] closed = concat(unclosed, "\r\n--abc--\r\n".getBytes(StandardCharsets.US_ASCII));
        for (var broken : List.of(new Object[] {"abc", unclosed}, new Object[] {"xyz", closed})) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(Api.baseUri() + "/v1/pets/" + pet + "/photos"))
                    .header("Authorization", "Bearer " + tenant.token())
                    .header("Content-Type", "multipart/form-data; boundary=" + broken[0])
                    .POST(HttpRequest.BodyPublishers.ofByteArray((byte[]) broken[1])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("boundary " + broken[0]).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(answer.body()).contains("multipart").doesNotContain("Exception");
        }
        tenant.request().get("/v1/pets/" + pet + "/photos").then().body("$", hasSize(0));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    @Test
    void anUnknownPetIs404() {
        Api.files(tenant, List.of(Samples.pet(61))).post("/v1/pets/" + UUID.randomUUID() + "/photos").then()
                .statusCode(404).contentType("application/problem+json");
        tenant.request().get("/v1/pets/not-a-uuid/photos").then().statusCode(404);
    }
}
