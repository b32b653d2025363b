package com.pawprint.merch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pawprint.contracts.EventMetadata;
import com.pawprint.contracts.MerchProduct;
import com.pawprint.contracts.MerchReady;
import com.pawprint.contracts.PetProfile;
import com.pawprint.contracts.Render;
import com.pawprint.contracts.RendersDone;
import com.pawprint.contracts.Species;
import com.pawprint.contracts.Topics;
import com.pawprint.contracts.EventCodec;
import com.pawprint.imaging.ResampleFilter;
import com.pawprint.imaging.Resampler;
import com.pawprint.localstack.LocalStackResource;
import com.pawprint.merch.compose.PrintFileMetadata;
import com.pawprint.samples.SyntheticPets;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectStore;
import com.pawprint.tenancy.TokenService;
import com.pawprint.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * renders.done to merch.ready on the real stack (Kafka, S3, PostgreSQL). The one complete job is composed once and
 * shared by the tests that read it, because composing it is the expensive part.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class MerchFlowTest {

    private static final String TENANT = "merch-a";
    private static final String OTHER_TENANT = "merch-b";
    private static final PetProfile MOCHI = new PetProfile("Mochi", Species.CAT, "tabby", "sks");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Composing a job on a shared two-core machine takes a while. */
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    private static RendersDone mainJob;
    private static MerchReady mainReady;
    private static List<ConsumerRecord<String, String>> mainRecords;

    @Inject
    ObjectStore store;

    @Inject
    TokenService tokens;

    private RequestSpecification as(String tenant) {
        return given().header("Authorization", "Bearer " + tokens.issue(tenant, UUID.randomUUID()).accessToken());
    }

    private RendersDone event(UUID petId, UUID jobId, List<Render> renders) {
        return new RendersDone(EventMetadata.newChain(TENANT, petId, jobId), MOCHI, "mochi_v1_rank8_ep15", renders);
    }

    private Render putRender(UUID petId, UUID jobId, byte[] png, int width, int height) {
        UUID renderId = UUID.randomUUID();
        String key = ObjectKeys.pet(TENANT, petId.toString()).render(jobId.toString(), renderId.toString());
        store.put(key, png, "image/png");
        return new Render(renderId, key, "portrait", "a portrait of sks cat", "blurry", 42L, width, height, null, null, null, null,
                null, null);
    }

    private static BufferedImage pet(long seed) {
        return SyntheticPets.random(com.pawprint.samples.Species.CAT, seed).image();
    }

    /** The complete job: one 512 x 512 render, composed into every catalogue product. */
    private synchronized void composeMainJob() {
        if (mainReady != null) {
            return;
        }
        UUID petId = UUID.randomUUID();
        UUID jobId = UUID.randomUUID();
        BufferedImage design = Resampler.resize(pet(7), 512, 512, ResampleFilter.LANCZOS3);
        try (TestKafka kafka = TestKafka.reading(PATIENCE, Topics.MERCH_READY, Topics.JOBS_PROGRESS)) {
            mainJob = event(petId, jobId, List.of(putRender(petId, jobId, SyntheticPets.png(design), 512, 512)));
            TestKafka.publish(mainJob);
            mainRecords = kafka.awaitRecords(records ->
                    TestKafka.matching(records, Topics.JOBS_PROGRESS, "\"DONE\"").stream()
                            .anyMatch(record -> record.value().contains(jobId.toString())));
            ConsumerRecord<String, String> ready = TestKafka.matching(mainRecords, Topics.MERCH_READY,
                    jobId.toString()).get(0);
            mainReady = EventCodec.decode(ready.value(), MerchReady.class);
        }
    }

    @Test
    void rendersDoneComposesEveryCatalogueProductIntoMerchReady() throws IOException {
        composeMainJob();
        UUID jobId = mainJob.metadata().jobId();

        List<String> statuses = TestKafka.matching(mainRecords, Topics.JOBS_PROGRESS, jobId.toString()).stream()
                .map(record -> read(record.value()).path("status").asText()).toList();
        assertThat(statuses).containsSubsequence("COMPOSING", "DONE");
        assertThat(mainReady.metadata().correlationId()).isEqualTo(mainJob.metadata().correlationId());
        assertThat(mainReady.pet()).isEqualTo(MOCHI);
        Map<String, MerchProduct> products = mainReady.products().stream()
                .collect(Collectors.toMap(MerchProduct::product, Function.identity()));
        assertThat(products).containsOnlyKeys("tshirt", "mug", "postcard", "tote", "sticker", "poster");
        String prefix = ObjectKeys.pet(TENANT, mainJob.metadata().petId().toString()).merchPrefix(jobId.toString());
        for (MerchProduct product : mainReady.products()) {
            assertThat(product.printFileKey()).startsWith(prefix);
            assertThat(store.exists(product.mockupKey())).isTrue();
            assertThat(PrintFileMetadata.of(store.get(product.thumbnailKey())).width()).isEqualTo(256);
        }
        // Exact pixel size and DPI of each print area (bleed included for the postcard).
        assertThat(PrintFileMetadata.of(store.get(products.get("tshirt").printFileKey())))
                .isEqualTo(new PrintFileMetadata(3600, 4800, 300, true));
        assertThat(PrintFileMetadata.of(store.get(products.get("mug").printFileKey())))
                .isEqualTo(new PrintFileMetadata(2700, 1050, 300, true));
        assertThat(PrintFileMetadata.of(store.get(products.get("tote").printFileKey())))
                .isEqualTo(new PrintFileMetadata(1500, 1500, 150, true));
        assertThat(PrintFileMetadata.of(store.get(products.get("sticker").printFileKey())))
                .isEqualTo(new PrintFileMetadata(900, 900, 300, true));
        assertThat(PrintFileMetadata.of(store.get(products.get("sticker").cutLineKey())))
                .isEqualTo(new PrintFileMetadata(900, 900, 300, true));
        assertThat(PrintFileMetadata.of(store.get(products.get("poster").printFileKey())))
                .isEqualTo(new PrintFileMetadata(1800, 2700, 150, true));
        assertThat(products.get("tshirt").warnings()).containsExactly("effective resolution 43 DPI (below 150)");
        assertThat(products.get("sticker").warnings()).isEmpty();
        assertThat(products.get("mug").cutLineKey()).isNull();

        try (PDDocument pdf = Loader.loadPDF(store.get(products.get("postcard").printFileKey()))) {
            PDPage page = pdf.getPage(0);
            assertBox(page.getMediaBox(), 0, 0, 306, 450);
            assertBox(page.getBleedBox(), 0, 0, 306, 450);
            assertBox(page.getTrimBox(), 9, 9, 288, 432);
            assertBox(page.getArtBox(), 18, 18, 270, 414);
            assertThat(pdf.getDocumentCatalog().getOutputIntents()).singleElement()
                    .satisfies(intent -> assertThat(intent.getOutputConditionIdentifier()).contains("sRGB"));
        }
    }

    @Test
    void eachProductIsComposedFromTheRenderMadeForIt() throws IOException {
        UUID petId = UUID.randomUUID();
        UUID jobId = UUID.randomUUID();
        Render forMug = forProduct(putRender(petId, jobId, SyntheticPets.png(solid(768, 320, 0xC81E1E)), 768, 320),
                "mug");
        Render forEverything = putRender(petId, jobId, SyntheticPets.png(solid(512, 768, 0x1E3CC8)), 512, 768);
        try (TestKafka kafka = TestKafka.reading(PATIENCE, Topics.MERCH_READY)) {
            TestKafka.publish(event(petId, jobId, List.of(forEverything, forMug)));
            MerchReady ready = EventCodec.decode(kafka.awaitRecords(records -> !TestKafka.matching(records,
                    Topics.MERCH_READY, jobId.toString()).isEmpty()).stream()
                    .filter(record -> record.value().contains(jobId.toString())).findFirst().orElseThrow().value(),
                    MerchReady.class);
            Map<String, MerchProduct> products = ready.products().stream()
                    .collect(Collectors.toMap(MerchProduct::product, Function.identity()));
            assertThat(centre(products.get("mug").printFileKey())).isEqualTo(0xC81E1E);
            assertThat(centre(products.get("poster").printFileKey())).isEqualTo(0x1E3CC8);
        }
    }

    private static Render forProduct(Render render, String product) {
        return new Render(render.renderId(), render.key(), "sticker", render.prompt(), render.negativePrompt(),
                render.seed(), render.width(), render.height(), product, null, 25, "Euler a", 7.0, 0.7);
    }

    private static BufferedImage solid(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    /** The RGB of the print file's centre pixel, within JPEG's rounding of a flat colour. */
    private int centre(String key) throws IOException {
        BufferedImage print = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(store.get(key)));
        int rgb = print.getRGB(print.getWidth() / 2, print.getHeight() / 2) & 0xFFFFFF;
        int[] expected = {0xC81E1E, 0x1E3CC8};
        for (int colour : expected) {
            boolean near = true;
            for (int shift = 0; shift <= 16; shift += 8) {
                near &= Math.abs(((rgb >> shift) & 0xFF) - ((colour >> shift) & 0xFF)) <= 3;
            }
            if (near) {
                return colour;
            }
        }
        return rgb;
    }

    @Test
    void listsAJobsMerchWithPresignedUrlsToItsTenantOnly() throws Exception {
        composeMainJob();
        UUID jobId = mainJob.metadata().jobId();

        String mockupUrl = as(TENANT).get("/v1/jobs/" + jobId + "/merch").then().statusCode(200)
                .body("jobId", equalTo(jobId.toString()))
                .body("products.product", hasItems("tshirt", "mug", "postcard", "tote", "sticker", "poster"))
                .extract().path("products.find { it.product == 'mug' }.mockup.url");
        HttpResponse<byte[]> mockup = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(mockupUrl))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(mockup.statusCode()).isEqualTo(200);
        assertThat(PrintFileMetadata.of(mockup.body()).width()).isEqualTo(500);

        as(OTHER_TENANT).get("/v1/jobs/" + jobId + "/merch").then().statusCode(404)
                .contentType("application/problem+json");
        as(TENANT).get("/v1/jobs/" + UUID.randomUUID() + "/merch").then().statusCode(404);
        given().get("/v1/jobs/" + jobId + "/merch").then().statusCode(401);
        given().get("/v1/catalog").then().statusCode(200)
                .body("products.find { it.id == 'postcard' }.placements[0].bleedInches", equalTo(0.125f))
                .body("products.find { it.id == 'mug' }.placements[0].widthInches", equalTo(9.0f));
    }

    @Test
    void recomposeTasksGoFromPendingToCompletedOrFailedAndStayWithinTheirTenant() {
        composeMainJob();
        UUID jobId = mainJob.metadata().jobId();
        String tasks = "/v1/jobs/" + jobId + "/merch/tasks";

        String location = as(TENANT).contentType(ContentType.JSON)
                .body("{\"product\":\"tshirt\",\"variant\":\"black-m\",\"centreXInches\":6,\"centreYInches\":5,"
                        + "\"scale\":0.5,\"rotationDegrees\":15,\"background\":\"remove\"}")
                .post(tasks).then().statusCode(202)
                .body("status", equalTo("pending"))
                .body("variant", equalTo("black-m"))
                .extract().header("Location");
        String taskPath = URI.create(location).getPath();
        as(OTHER_TENANT).get(taskPath).then().statusCode(404);
        await().atMost(PATIENCE).until(() ->
                !"pending".equals(as(TENANT).get(taskPath).then().statusCode(200).extract().path("status")));
        String printKey = as(TENANT).get(taskPath).then().statusCode(200)
                .body("status", equalTo("completed"))
                .body("result.mockup.key", org.hamcrest.Matchers.containsString("/tasks/"))
                .extract().path("result.printFile.key");
        assertThat(PrintFileMetadata.of(store.get(printKey))).isEqualTo(new PrintFileMetadata(3600, 4800, 300, true));

        as(TENANT).contentType(ContentType.JSON).body("{\"product\":\"tshirt\",\"rotationDegrees\":45}")
                .post(tasks).then().statusCode(422).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("outside the front print area"));
        as(TENANT).contentType(ContentType.JSON).body("{\"product\":\"hoodie\"}")
                .post(tasks).then().statusCode(422).body("errors[0].field", equalTo("product"));
        as(TENANT).contentType(ContentType.JSON).body("{\"product\":\"mug\",\"variant\":\"15oz-black\"}")
                .post(tasks).then().statusCode(422).body("errors[0].field", equalTo("variant"));
        for (String field : List.of("product", "variant", "placement")) {
            String request = "{\"product\":\"mug\",\"variant\":\"11oz-white\",\"placement\":\"wrap\"}";
            as(TENANT).contentType(ContentType.JSON)
                    .body(request.replace("\"" + field + "\":\"", "\"" + field + "\":\"\\u0000"))
                    .post(tasks).then().statusCode(422).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(field));
        }
        as(OTHER_TENANT).contentType(ContentType.JSON).body("{\"product\":\"mug\"}")
                .post(tasks).then().statusCode(404);

        // The design disappears from the bucket: the task is accepted, then fails with the reason.
        store.delete(mainJob.renders().get(0).key());
        String failing = URI.create(as(TENANT).contentType(ContentType.JSON).body("{\"product\":\"sticker\"}")
                .post(tasks).then().statusCode(202).extract().header("Location")).getPath();
        await().atMost(PATIENCE).until(() ->
                !"pending".equals(as(TENANT).get(failing).then().extract().path("status")));
        as(TENANT).get(failing).then().body("status", equalTo("failed"))
                .body("failureReason", org.hamcrest.Matchers.containsString("is missing"));
    }

    @Test
    void aRedeliveryIsANoOpAndProductsTheRenderCannotMakeAreDeadLetteredWhileTheOthersComplete() {
        composeMainJob();
        UUID petId = mainJob.metadata().petId();
        UUID partialJob = UUID.randomUUID();
        try (TestKafka kafka = TestKafka.reading(PATIENCE, Topics.MERCH_READY, Topics.deadLetterOf(Topics.RENDERS_DONE))) {
            TestKafka.publish(mainJob);
            // Same pet, so the same partition: once this later event is handled, the redelivery has been too.
            Render missing = new Render(UUID.randomUUID(),
                    ObjectKeys.pet(TENANT, petId.toString()).render(partialJob.toString(), "gone"), "portrait",
                    "a portrait of sks cat", null, 1L, 512, 512, null, null, null, null, null, null);
            BufferedImage small = Resampler.resize(pet(11), 190, 190, ResampleFilter.LANCZOS3);
            Render smallRender = putRender(petId, partialJob, SyntheticPets.png(small), 190, 190);
            TestKafka.publish(event(petId, partialJob, List.of(missing, smallRender)));

            List<ConsumerRecord<String, String>> records = kafka.awaitRecords(all ->
                    !TestKafka.matching(all, Topics.MERCH_READY, partialJob.toString()).isEmpty()
                            && !TestKafka.matching(all, Topics.deadLetterOf(Topics.RENDERS_DONE),
                            partialJob.toString()).isEmpty());

            MerchReady partial = EventCodec.decode(TestKafka.matching(records, Topics.MERCH_READY,
                    partialJob.toString()).get(0).value(), MerchReady.class);
            assertThat(partial.products()).extracting(MerchProduct::product)
                    .containsExactlyInAnyOrder("mug", "postcard", "sticker");
            String reason = read(TestKafka.matching(records, Topics.deadLetterOf(Topics.RENDERS_DONE),
                    partialJob.toString()).get(0).value()).path("reason").asText();
            assertThat(reason).contains("render " + missing.key() + " is missing")
                    .contains("tshirt/front: render 190x190 is too small")
                    .contains("poster/front: render 190x190 is too small")
                    .contains("tote/front: render 190x190 is too small");
            assertThat(TestKafka.matching(records, Topics.MERCH_READY, mainJob.metadata().jobId().toString()))
                    .hasSize(1);
        }
    }

    @Test
    void aRenderTooSmallForAnyProductOrUndecodableOrNotTheJobsOwnIsDeadLetteredAndTheJobFails() {
        UUID petId = UUID.randomUUID();
        UUID tinyJob = UUID.randomUUID();
        UUID brokenJob = UUID.randomUUID();
        UUID foreignJob = UUID.randomUUID();
        // Another tenant's image beside the job's own: the event is trusted with neither, nothing is composed.
        String foreignKey = ObjectKeys.pet(OTHER_TENANT, UUID.randomUUID().toString()).render(foreignJob.toString(),
                "x");
        store.put(foreignKey, SyntheticPets.png(solid(512, 768, 0x00FF00)), "image/png");
        Render foreign = new Render(UUID.randomUUID(), foreignKey, "p", "p", null, 1L, 512, 768, null, null, null,
                null, null, null);
        try (TestKafka kafka = TestKafka.reading(PATIENCE, Topics.JOBS_PROGRESS, Topics.deadLetterOf(Topics.RENDERS_DONE))) {
            BufferedImage tiny = Resampler.resize(pet(3), 40, 40, ResampleFilter.LANCZOS3);
            TestKafka.publish(event(petId, tinyJob, List.of(putRender(petId, tinyJob, SyntheticPets.png(tiny), 40,
                    40))));
            TestKafka.publish(event(petId, brokenJob, List.of(putRender(petId, brokenJob,
                    "not an image".getBytes(), 512, 512))));
            TestKafka.publish(event(petId, foreignJob, List.of(putRender(petId, foreignJob,
                    SyntheticPets.png(solid(512, 768, 0x1E3CC8)), 512, 768), foreign)));

            List<ConsumerRecord<String, String>> records = kafka.awaitRecords(all ->
                    TestKafka.matching(all, Topics.JOBS_PROGRESS, "\"FAILED\"").stream()
                            .filter(record -> record.value().contains(tinyJob.toString())
                                    || record.value().contains(brokenJob.toString())
                                    || record.value().contains(foreignJob.toString())).count() == 3);
            String dlq = Topics.deadLetterOf(Topics.RENDERS_DONE);
            assertThat(read(TestKafka.matching(records, dlq, tinyJob.toString()).get(0).value()).path("reason")
                    .asText()).contains("every render is too small for any product");
            assertThat(read(TestKafka.matching(records, dlq, brokenJob.toString()).get(0).value()).path("reason")
                    .asText()).contains("cannot be decoded");
            assertThat(read(TestKafka.matching(records, dlq, foreignJob.toString()).get(0).value()).path("reason")
                    .asText()).contains("render '" + foreignKey + "' does not lie under "
                    + ObjectKeys.pet(TENANT, petId.toString()).renderPrefix(foreignJob.toString()));
            as(TENANT).get("/v1/jobs/" + foreignJob + "/merch").then().statusCode(404);
        }
    }

    private static void assertBox(PDRectangle box, float x, float y, float width, float height) {
        assertThat(new float[] {box.getLowerLeftX(), box.getLowerLeftY(), box.getWidth(), box.getHeight()})
                .containsExactly(new float[] {x, y, width, height}, org.assertj.core.data.Offset.offset(0.01f));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Metrics, OpenAPI and Swagger UI are on the management interface only; tenants reach the service port. */
    @Test
    void operationsEndpointsAreAbsentFromTheServicePort() {
        for (String operations : List.of("/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
            given().get(operations).then().statusCode(404);
        }
        given().get("/q/health/ready").then().statusCode(200);
    }
}
