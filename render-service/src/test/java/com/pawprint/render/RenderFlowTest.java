package com.pawprint.render;

import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.JobProgress;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.LoraTrained;
import com.pawprint.contracts.Render;
import com.pawprint.contracts.RendersDone;
import com.pawprint.contracts.Stage;
import com.pawprint.contracts.Topics;
import com.pawprint.diffusion.infotext.A1111Hashes;
import com.pawprint.diffusion.infotext.GenerationParameters;
import com.pawprint.diffusion.pipeline.StableDiffusion;
import com.pawprint.diffusion.schedulers.SamplerKind;
import com.pawprint.imaging.PngTextReader;
import com.pawprint.diffusion.safetensors.SafetensorsWriter;
import com.pawprint.localstack.LocalStackResource;
import com.pawprint.render.service.RenderWorker;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectStore;
import com.pawprint.tenancy.TokenService;
import com.pawprint.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;

/** lora.trained in, every product's presets rendered with the pet's LoRA, progress and renders.done out. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class RenderFlowTest {

    static final String TENANT = "acme";
    static final String OTHER_TENANT = "globex";
    private static TestKafka kafka;
    private static Path dir;

    @Inject
    ObjectStore store;

    @Inject
    TokenService tokens;

    @Inject
    RenderWorker worker;

    @BeforeAll
    static void listen() throws IOException {
        kafka = TestKafka.reading(Duration.ofSeconds(120), Topics.JOBS_PROGRESS, Topics.RENDERS_DONE);
        dir = Files.createTempDirectory("render-flow");
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    RequestSpecification as(String tenant) {
        return given().header("Authorization", "Bearer " + tokens.issue(tenant, UUID.randomUUID()).accessToken());
    }

    static BufferedImage png(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void loraTrainedRendersEveryProductsPresetsIntoRendersDone() {
        UUID petId = UUID.randomUUID();
        LoraTrained trained;
        try (StableDiffusion model = RenderFixtures.load(RenderFixtures.tinyModel(store, dir))) {
            trained = RenderFixtures.trained(store, TENANT, petId, "mochi_v1_rank4_ep1",
                    RenderFixtures.lora(model, 1, dir.resolve("flow.safetensors")));
        }
        TestKafka.publish(trained);

        ConsumerRecord<String, String> record = kafka.awaitRecords(Topics.RENDERS_DONE, petId,
                records -> !records.isEmpty()).get(0);
        RendersDone done = EventCodec.read(record.value(), TestKafka.headers(record), RendersDone.class);
        assertThat(done.metadata().correlationId()).isEqualTo(trained.metadata().correlationId());
        assertThat(done.metadata().jobId()).isEqualTo(trained.metadata().jobId());
        assertThat(done.loraVersion()).isEqualTo("mochi_v1_rank4_ep1");
        List<Render> renders = done.renders().stream()
                .sorted(Comparator.comparing(Render::product).thenComparing(Render::seed)).toList();
        assertThat(renders).extracting(Render::product, Render::preset)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mug", "watercolor"),
                        org.assertj.core.groups.Tuple.tuple("sticker", "sticker"),
                        org.assertj.core.groups.Tuple.tuple("sticker", "sticker"));
        Render mug = renders.get(0);
        assertThat(mug.prompt()).isEqualTo("a watercolor painting of mochi_cat cat <lora:mochi_v1_rank4_ep1:0.8>");
        assertThat(mug.negativePrompt()).isEqualTo("blurry, photo");
        assertThat(mug.sampler()).isEqualTo("DPM++ 2M Karras");
        assertThat(mug.steps()).isEqualTo(2);
        assertThat(mug.cfgScale()).isEqualTo(7.0);
        assertThat(mug.loraStrength()).isEqualTo(0.8);
        assertThat(mug.width()).isEqualTo(96);
        assertThat(mug.height()).isEqualTo(64);
        assertThat(renders.get(2).seed()).isEqualTo(renders.get(1).seed() + 1);
        assertThat(renders.get(1).sampler()).isEqualTo("Euler a");
        assertThat(renders.get(1).loraStrength()).isEqualTo(0.7);
        // PNG Info: the parameters chunk reads back, in A1111's format, as what was rendered.
        GenerationParameters info = GenerationParameters.parse(PngTextReader.text(store.get(mug.key()),
                "parameters").orElseThrow());
        assertThat(info.prompt()).isEqualTo(mug.prompt());
        assertThat(info.negativePrompt()).isEqualTo("blurry, photo");
        assertThat(info.samplerKind()).contains(SamplerKind.DPMPP_2M_KARRAS);
        assertThat(info.steps()).isEqualTo(2);
        assertThat(info.cfgScale()).isEqualTo(7.0);
        assertThat(info.seed()).isEqualTo(mug.seed());
        assertThat(info.width()).isEqualTo(96);
        assertThat(info.height()).isEqualTo(64);
        assertThat(info.modelName()).isEqualTo(RenderFixtures.TINY_MODEL);
        assertThat(info.modelHash()).isEqualTo(A1111Hashes.checkpoint(RenderFixtures.tinyModel(store, dir)));
        assertThat(info.loraHashes()).containsExactly(org.assertj.core.api.Assertions.entry("mochi_v1_rank4_ep1",
                A1111Hashes.lora(dir.resolve("flow.safetensors"))));

        String prefix = ObjectKeys.pet(TENANT, petId.toString()).renderPrefix(trained.metadata().jobId().toString());
        for (Render render : renders) {
            assertThat(render.key()).startsWith(prefix).endsWith(".png");
            BufferedImage image = png(store.get(render.key()));
            assertThat(image.getWidth()).isEqualTo(render.width());
            assertThat(image.getHeight()).isEqualTo(render.height());
            assertThat(png(store.get(render.previewKey())).getWidth()).isEqualTo(render.width());
        }

        List<JobProgress> rendering = kafka.of(Topics.JOBS_PROGRESS, petId).stream()
                .map(r -> EventCodec.decode(r.value(), JobProgress.class))
                .filter(p -> p.status() == JobStatus.RENDERING).toList();
        assertThat(rendering.get(0).step()).isNull();
        List<JobProgress> steps = rendering.stream().filter(p -> p.step() != null).toList();
        assertThat(steps).extracting(JobProgress::step).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(steps).allSatisfy(p -> assertThat(p.totalSteps()).isEqualTo(6));
        assertThat(steps.get(5).percent()).isEqualTo(100.0);
        assertThat(steps.get(0).message()).startsWith("image 1 of 3: ");
        assertThat(steps.get(5).message()).startsWith("image 3 of 3: ");

        String jobPath = "/v1/jobs/" + trained.metadata().jobId() + "/renders";
        as(TENANT).get(jobPath).then().statusCode(200)
                .body("status", equalTo("done"))
                .body("loraVersion", equalTo("mochi_v1_rank4_ep1"))
                .body("tasks.product", hasItems("mug", "sticker"))
                .body("tasks.find { it.product == 'sticker' }.images.size()", equalTo(2));
        as(OTHER_TENANT).get(jobPath).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aLoraTrainedNamingAnotherPetsFileIsDeadLetteredAndFailsTheJob() {
        UUID petId = UUID.randomUUID();
        String foreignKey = ObjectKeys.pet(OTHER_TENANT, UUID.randomUUID().toString())
                .loraFile("mochi_v1_rank4_ep1", "mochi_v1_rank4_ep1.safetensors");
        LoraTrained honest = RenderFixtures.trained(store, TENANT, petId, "mochi_v1_rank4_ep1",
                writeBytes("honest.safetensors", new byte[] {1}));
        LoraTrained forged = new LoraTrained(honest.metadata(), honest.pet(), foreignKey, honest.versionName(),
                honest.rank(), honest.alpha(), honest.steps(), honest.epochs(), honest.baseModel(), List.of(),
                List.of(), honest.trainingConfig());
        try (TestKafka dlq = TestKafka.reading(Duration.ofSeconds(60), Topics.deadLetterOf(Topics.LORA_TRAINED))) {
            TestKafka.publish(forged);
            ConsumerRecord<String, String> dead = dlq.awaitRecords(Topics.deadLetterOf(Topics.LORA_TRAINED), petId,
                    records -> !records.isEmpty()).get(0);
            assertThat(dead.value()).contains("does not lie under");
        }
        JobProgress failed = awaitFailure(petId, honest.metadata().jobId());
        assertThat(failed.failureReason()).contains(foreignKey);
        as(TENANT).get("/v1/jobs/" + honest.metadata().jobId() + "/renders").then().statusCode(404);
    }

    @Test
    void aLoraThatDoesNotFitTheBaseModelFailsEveryRenderWithTheReason() {
        UUID petId = UUID.randomUUID();
        Path misfit = dir.resolve("misfit.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            SafetensorsWriter.write(misfit, Map.of(
                    "lora_unet_no_such_block_proj.lora_down.weight", manager.ones(new Shape(4, 8)),
                    "lora_unet_no_such_block_proj.lora_up.weight", manager.ones(new Shape(8, 4))), Map.of());
        }
        LoraTrained trained = RenderFixtures.trained(store, TENANT, petId, "misfit_v1_rank4_ep1", misfit);
        TestKafka.publish(trained);

        JobProgress failed = awaitFailure(petId, trained.metadata().jobId());
        assertThat(failed.failureReason()).startsWith("no render succeeded: ").contains("lora_unet_no_such_block_proj");
        as(TENANT).get("/v1/jobs/" + trained.metadata().jobId() + "/renders").then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("tasks.status", everyItem(equalTo("failed")));
    }

    @Test
    void aCancelledOrderRendersNothingMore() {
        UUID petId = UUID.randomUUID();
        LoraTrained trained;
        try (StableDiffusion model = RenderFixtures.load(RenderFixtures.tinyModel(store, dir))) {
            trained = RenderFixtures.trained(store, TENANT, petId, "mochi_v1_rank4_ep1",
                    RenderFixtures.lora(model, 5, dir.resolve("cancelled.safetensors")));
        }
        worker.pause();
        try {
            await().atMost(Duration.ofSeconds(120)).until(worker::isIdle);
            TestKafka.publish(trained);
            String jobPath = "/v1/jobs/" + trained.metadata().jobId() + "/renders";
            await().atMost(Duration.ofSeconds(60)).until(() -> as(TENANT).get(jobPath).statusCode() == 200);
            TestKafka.publish(JobProgress.statusChange(trained.metadata().next(), Stage.INGEST, JobStatus.CANCELED,
                    "cancelled by the customer"));
            await().atMost(Duration.ofSeconds(60)).until(() -> "canceled".equals(as(TENANT).get(jobPath)
                    .path("status")));
            as(TENANT).get(jobPath).then().body("tasks.status", everyItem(equalTo("canceled")));
        } finally {
            worker.resume();
        }
    }

    @Test
    void anOrderCancelledBeforeItsLoraArrivesIsNeverRendered() {
        UUID petId = UUID.randomUUID();
        LoraTrained cancelled;
        LoraTrained later;
        try (StableDiffusion model = RenderFixtures.load(RenderFixtures.tinyModel(store, dir))) {
            Path lora = RenderFixtures.lora(model, 6, dir.resolve("early-cancel.safetensors"));
            cancelled = RenderFixtures.trained(store, TENANT, petId, "mochi_v1_rank4_ep1", lora);
            later = RenderFixtures.trained(store, TENANT, petId, "mochi_v2_rank4_ep1", lora);
        }
        TestKafka.publish(JobProgress.statusChange(cancelled.metadata().next(), Stage.INGEST, JobStatus.CANCELED,
                "cancelled by the customer"));
        String jobPath = "/v1/jobs/" + cancelled.metadata().jobId() + "/renders";
        await().atMost(Duration.ofSeconds(60)).until(() -> as(TENANT).get(jobPath).statusCode() == 200);
        TestKafka.publish(cancelled);
        TestKafka.publish(later);

        // The same pet's records are read in order: once the later order is rendered, the cancelled one was read.
        kafka.awaitRecords(Topics.RENDERS_DONE, petId, records -> records.stream()
                .anyMatch(r -> r.value().contains(later.metadata().jobId().toString())));
        as(TENANT).get(jobPath).then().statusCode(200).body("status", equalTo("canceled"))
                .body("tasks.size()", equalTo(0));
        assertThat(kafka.of(Topics.RENDERS_DONE, petId)).noneMatch(r -> r.value()
                .contains(cancelled.metadata().jobId().toString()));
    }

    private Path writeBytes(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JobProgress awaitFailure(UUID petId, UUID jobId) {
        return kafka.awaitRecords(Topics.JOBS_PROGRESS, petId, records -> records.stream()
                        .anyMatch(r -> TestKafka.isProgress(r, jobId, JobStatus.FAILED)))
                .stream().filter(r -> TestKafka.isProgress(r, jobId, JobStatus.FAILED))
                .map(r -> EventCodec.decode(r.value(), JobProgress.class)).findFirst().orElseThrow();
    }

    @Test
    void theStylePresetsArePublic() {
        given().get("/v1/styles").then().statusCode(200)
                .body("id", hasItems("sticker", "watercolor", "slow"))
                .body("find { it.id == 'watercolor' }.products", equalTo(List.of("mug")))
                .body("find { it.id == 'watercolor' }.loraStrength", equalTo(0.8f))
                .body("find { it.id == 'sticker' }.sampler", equalTo("Euler a"));
        given().get("/v1/styles/watercolor").then().statusCode(200).body("negativePrompt", equalTo("blurry, photo"));
        given().get("/v1/styles/nope").then().statusCode(404).contentType("application/problem+json");
    }
}
