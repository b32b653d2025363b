package com.pawprint.render;

import com.pawprint.contracts.LoraTrained;
import com.pawprint.diffusion.pipeline.StableDiffusion;
import com.pawprint.diffusion.pipeline.Txt2ImgRequest;
import com.pawprint.diffusion.schedulers.SamplerKind;
import com.pawprint.localstack.LocalStackResource;
import com.pawprint.render.storage.RenderTask;
import com.pawprint.render.storage.TaskState;
import com.pawprint.storage.ObjectStore;
import com.pawprint.tenancy.TokenService;
import com.pawprint.testsupport.TestKafka;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;

/** On-demand renders through the API: reproducible, strength-sensitive, tenant-isolated, cancellable, resumable. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class OnDemandRenderTest {

    private static final String TENANT = "ondemand-a";
    private static final String OTHER_TENANT = "ondemand-b";
    private static final Map<String, UUID> PETS = new ConcurrentHashMap<>();
    private static Path dir;

    @Inject
    ObjectStore store;

    @Inject
    TokenService tokens;

    @BeforeAll
    static void workDir() throws IOException {
        dir = Files.createTempDirectory("on-demand");
    }

    private RequestSpecification as(String tenant) {
        return given().header("Authorization", "Bearer " + tokens.issue(tenant, UUID.randomUUID()).accessToken());
    }

    /** A pet of {@code tenant} with a LoRA of weights seed {@code loraSeed}, known to the service. */
    private synchronized UUID pet(String tenant, long loraSeed) {
        return PETS.computeIfAbsent(tenant + "/" + loraSeed, key -> {
            UUID petId = UUID.randomUUID();
            LoraTrained trained;
            try (StableDiffusion model = RenderFixtures.load(RenderFixtures.tinyModel(store, dir))) {
                trained = RenderFixtures.trained(store, tenant, petId, "mochi_v1_rank4_ep" + loraSeed,
                        RenderFixtures.lora(model, loraSeed, dir.resolve(key.replace('/', '-') + ".safetensors")));
            }
            TestKafka.publish(trained);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    as(tenant).get("/v1/pets/" + petId + "/loras").statusCode() == 200);
            return petId;
        });
    }

    private String submit(String tenant, UUID petId, String body) {
        return as(tenant).contentType(ContentType.JSON).body(body).post("/v1/pets/" + petId + "/renders")
                .then().statusCode(202).header("Location", containsString("/v1/renders/"))
                .body("status", equalTo("queued")).extract().path("id");
    }

    private JsonPath awaitStatus(String tenant, String taskId, String status) {
        await().atMost(Duration.ofSeconds(120)).until(() ->
                status.equals(as(tenant).get("/v1/renders/" + taskId).path("status")));
        return as(tenant).get("/v1/renders/" + taskId).then().statusCode(200).extract().jsonPath();
    }

    private BufferedImage image(String tenant, String taskId, int index) throws Exception {
        String url = awaitStatus(tenant, taskId, "succeeded").getString("images[" + index + "].url");
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return RenderFlowTest.png(response.body());
    }

    private static boolean samePixels(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void theSameSeedGivesTheSameImageAndStrengthZeroIsNoLora() throws Exception {
        UUID petId = pet(TENANT, 11);
        String first = submit(TENANT, petId, "{\"preset\":\"watercolor\",\"seed\":42}");
        String again = submit(TENANT, petId, "{\"preset\":\"watercolor\",\"seed\":42}");
        String weaker = submit(TENANT, petId, "{\"preset\":\"watercolor\",\"seed\":42,\"strength\":0.3}");
        String none = submit(TENANT, petId, "{\"preset\":\"watercolor\",\"seed\":42,\"strength\":0}");

        JsonPath done = awaitStatus(TENANT, first, "succeeded");
        assertThat(done.getString("prompt")).isEqualTo("a watercolor painting of mochi_cat cat "
                + "<lora:mochi_v1_rank4_ep11:0.8>");
        assertThat(done.getLong("images[0].seed")).isEqualTo(42L);
        assertThat(done.getString("sampler")).isEqualTo("DPM++ 2M Karras");
        BufferedImage firstImage = image(TENANT, first, 0);
        assertThat(samePixels(firstImage, image(TENANT, again, 0))).isTrue();
        assertThat(samePixels(firstImage, image(TENANT, weaker, 0))).isFalse();

        BufferedImage withoutLora;
        try (StableDiffusion model = RenderFixtures.load(RenderFixtures.tinyModel(store, dir))) {
            withoutLora = model.generate(Txt2ImgRequest.builder("a watercolor painting of mochi_cat cat")
                    .negativePrompt("blurry, photo").steps(2).guidanceScale(7).size(64, 64)
                    .sampler(SamplerKind.DPMPP_2M_KARRAS).seed(42).build()).images().get(0);
        }
        assertThat(samePixels(image(TENANT, none, 0), withoutLora)).isTrue();
        assertThat(samePixels(firstImage, withoutLora)).isFalse();
    }

    @Test
    void twoTenantsRenderingAtOnceEachGetWhatTheyGetAlone() throws Exception {
        UUID petA = pet(TENANT, 21);
        UUID petB = pet(OTHER_TENANT, 22);
        String body = "{\"preset\":\"sticker\",\"seed\":7,\"count\":2}";
        String aloneA = submit(TENANT, petA, body);
        awaitStatus(TENANT, aloneA, "succeeded");
        String aloneB = submit(OTHER_TENANT, petB, body);
        awaitStatus(OTHER_TENANT, aloneB, "succeeded");

        String togetherA = submit(TENANT, petA, body);
        String togetherB = submit(OTHER_TENANT, petB, body);
        for (int i = 0; i < 2; i++) {
            assertThat(samePixels(image(TENANT, aloneA, i), image(TENANT, togetherA, i))).isTrue();
            assertThat(samePixels(image(OTHER_TENANT, aloneB, i), image(OTHER_TENANT, togetherB, i))).isTrue();
        }
        assertThat(samePixels(image(TENANT, aloneA, 0), image(OTHER_TENANT, aloneB, 0))).isFalse();
    }

    @Test
    void aRunningRenderIsCancelledWithinAStep() {
        UUID petId = pet(TENANT, 11);
        String slow = submit(TENANT, petId, "{\"preset\":\"slow\",\"seed\":1}");
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            JsonPath view = as(TENANT).get("/v1/renders/" + slow).jsonPath();
            return "running".equals(view.getString("status")) && view.get("progress.step") != null;
        });
        as(TENANT).get("/v1/renders/" + slow).then().body("progress.image", equalTo(1))
                .body("progress.images", equalTo(1)).body("progress.steps", equalTo(150));
        as(OTHER_TENANT).post("/v1/renders/" + slow + "/cancel").then().statusCode(404);
        as(TENANT).post("/v1/renders/" + slow + "/cancel").then().statusCode(202);
        JsonPath cancelled = awaitStatus(TENANT, slow, "canceled");
        assertThat(cancelled.getList("images")).isEmpty();
        // Cancelling again changes nothing.
        as(TENANT).post("/v1/renders/" + slow + "/cancel").then().statusCode(202).body("status", equalTo("canceled"));
    }

    @Test
    void aTaskWhoseRendererDiedIsRenderedOnFromItsFirstUnfinishedImage() {
        UUID petId = pet(TENANT, 11);
        String taskId = submit(TENANT, petId, "{\"preset\":\"sticker\",\"seed\":5,\"count\":2}");
        String finishedBefore = awaitStatus(TENANT, taskId, "succeeded").getString("images[0].key");
        // As if a renderer had taken the task, finished image 0 and died: the lease ran out while RUNNING.
        QuarkusTransaction.requiringNew().run(() -> {
            RenderTask task = RenderTask.findById(UUID.fromString(taskId));
            task.status = TaskState.RUNNING;
            task.leaseOwner = "renderer-that-died";
            task.leaseExpiresAt = Instant.now().minusSeconds(60);
            task.results = "[{\"index\":0,\"seed\":5,\"key\":\"" + finishedBefore + "\",\"previewKey\":\""
                    + finishedBefore.replace(".png", ".jpg") + "\"}]";
            task.imagesDone = 1;
            task.finishedAt = null;
        });
        JsonPath resumed = awaitStatus(TENANT, taskId, "succeeded");
        assertThat(resumed.getList("images.index")).containsExactly(0, 1);
        assertThat(resumed.getString("images[0].key")).isEqualTo(finishedBefore);
        assertThat(resumed.getLong("images[1].seed")).isEqualTo(6L);
        RenderTask task = QuarkusTransaction.requiringNew().call(() -> RenderTask.findById(UUID.fromString(taskId)));
        assertThat(task.attempts).isEqualTo(2);
        assertThat(task.leaseOwner).isNull();
    }

    @Test
    void aTaskWhoseRenderersKeepDyingFailsAfterMaxAttempts() {
        UUID petId = pet(TENANT, 11);
        String taskId = submit(TENANT, petId, "{\"preset\":\"sticker\",\"seed\":9}");
        awaitStatus(TENANT, taskId, "succeeded");
        // As if three renderers in a row had been killed while rendering it.
        QuarkusTransaction.requiringNew().run(() -> {
            RenderTask task = RenderTask.findById(UUID.fromString(taskId));
            task.status = TaskState.RUNNING;
            task.leaseOwner = "renderer-killed-again";
            task.leaseExpiresAt = Instant.now().minusSeconds(60);
            task.attempts = 3;
            task.results = "[]";
            task.imagesDone = 0;
        });
        assertThat(awaitStatus(TENANT, taskId, "failed").getString("failureReason"))
                .isEqualTo("the renderer stopped 3 times while rendering this task");
    }

    @Test
    void everyEndpointDeniesAnotherTenant() {
        UUID petId = pet(TENANT, 11);
        String taskId = submit(TENANT, petId, "{\"preset\":\"sticker\",\"seed\":3}");
        as(TENANT).get("/v1/pets/" + petId + "/renders").then().statusCode(200).body("id", hasItem(taskId));
        as(TENANT).get("/v1/pets/" + petId + "/loras").then().statusCode(200)
                .body("versionName", hasItem("mochi_v1_rank4_ep11"));

        as(OTHER_TENANT).get("/v1/renders/" + taskId).then().statusCode(404).contentType("application/problem+json");
        as(OTHER_TENANT).post("/v1/renders/" + taskId + "/cancel").then().statusCode(404);
        as(OTHER_TENANT).get("/v1/pets/" + petId + "/renders").then().statusCode(404);
        as(OTHER_TENANT).get("/v1/pets/" + petId + "/loras").then().statusCode(404);
        as(OTHER_TENANT).contentType(ContentType.JSON).body("{\"preset\":\"sticker\"}")
                .post("/v1/pets/" + petId + "/renders").then().statusCode(404);
        given().get("/v1/renders/" + taskId).then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"preset\":\"sticker\"}").post("/v1/pets/" + petId + "/renders")
                .then().statusCode(401);
        awaitStatus(TENANT, taskId, "succeeded");
    }

    @Test
    void badRequestsAreClearProblemsAndQueueNothing() {
        UUID petId = pet(TENANT, 11);
        UUID otherPet = pet(OTHER_TENANT, 12);
        String renders = "/v1/pets/" + petId + "/renders";
        Map<String, String> cases = Map.ofEntries(
                Map.entry("{\"preset\":\"nope\"}", "preset"),
                Map.entry("{}", "prompt"),
                Map.entry("{\"preset\":\"sticker\",\"width\":65}", "width"),
                Map.entry("{\"preset\":\"sticker\",\"height\":2048}", "height"),
                Map.entry("{\"preset\":\"sticker\",\"steps\":0}", "steps"),
                Map.entry("{\"preset\":\"sticker\",\"steps\":151}", "steps"),
                Map.entry("{\"preset\":\"sticker\",\"cfgScale\":0.5}", "cfgScale"),
                Map.entry("{\"preset\":\"sticker\",\"count\":9}", "count"),
                Map.entry("{\"preset\":\"sticker\",\"seed\":-5}", "seed"),
                Map.entry("{\"preset\":\"sticker\",\"sampler\":\"LMS\"}", "sampler"),
                Map.entry("{\"preset\":\"sticker\",\"strength\":3}", "strength"),
                Map.entry("{\"preset\":\"sticker\",\"loraVersion\":\"mochi_v9_rank4_ep1\"}", "loraVersion"),
                Map.entry("{\"prompt\":\"a cat <lora:nobody_has_this:0.7>\"}", "prompt"),
                Map.entry("{\"prompt\":\"a cat <lora:mochi_v1_rank4_ep12:0.7>\"}", "prompt"),
                Map.entry("{\"prompt\":\"a cat <lora::0.7>\"}", "prompt"),
                Map.entry("{\"prompt\":\"<lora:a:1> <lora:b:1> <lora:c:1> <lora:d:1> <lora:e:1>\"}", "prompt"),
                Map.entry("{\"prompt\":\"a cat \\u0000 sitting\"}", "prompt"));
        long before = QuarkusTransaction.requiringNew().call(() -> RenderTask.count("petId", petId));
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            as(TENANT).contentType(ContentType.JSON).body(bad.getKey()).post(renders).then()
                    .statusCode(422).contentType("application/problem+json")
                    .body("errors.field", hasItem(bad.getValue()));
        }
        as(TENANT).contentType(ContentType.JSON).body("{\"preset\":").post(renders).then().statusCode(400)
                .contentType("application/problem+json");
        as(TENANT).contentType(ContentType.JSON).body("{\"preset\":\"sticker\"}")
                .post("/v1/pets/" + UUID.randomUUID() + "/renders").then().statusCode(404);
        assertThat(QuarkusTransaction.requiringNew().call(() -> RenderTask.count("petId", petId))).isEqualTo(before);
        assertThat(otherPet).isNotEqualTo(petId);
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
