package com.pawprint.trainer;

import ai.djl.ndarray.NDManager;
import com.pawprint.contracts.CaptionsReady;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.JobProgress;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.LoraTrained;
import com.pawprint.contracts.Topics;
import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.diffusion.lora.LoraBase;
import com.pawprint.diffusion.lora.LoraNetwork;
import com.pawprint.diffusion.lora.LoraPrecision;
import com.pawprint.diffusion.pipeline.StableDiffusion;
import com.pawprint.localstack.LocalStackResource;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectStore;
import com.pawprint.testsupport.TestKafka;
import com.pawprint.trainer.storage.JobState;
import com.pawprint.models.ModelRegistry;
import com.pawprint.trainer.storage.TrainingJob;
import com.pawprint.training.models.BaseModelEntry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import com.pawprint.tenancy.TokenService;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.awaitility.Awaitility.await;

/** The whole service on the real stack: captions.ready in, a trained tiny LoRA, progress and lora.trained out. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class TrainingFlowTest {

    private static final String TENANT = "acme";
    private static final String OTHER_TENANT = "globex";
    private static TestKafka kafka;

    @Inject
    ObjectStore store;

    @Inject
    TokenService tokens;

    @Inject
    ModelRegistry registry;

    @BeforeAll
    static void listen() {
        kafka = TestKafka.reading(Duration.ofSeconds(90), Topics.JOBS_PROGRESS, Topics.LORA_TRAINED,
                Topics.deadLetterOf(Topics.CAPTIONS_READY));
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    static TrainingJob job(UUID jobId) {
        return QuarkusTransaction.requiringNew().call(() -> TrainingJob.<TrainingJob>findById(jobId));
    }

    private JobProgress awaitFailure(CaptionsReady ready) {
        return kafka.awaitRecords(Topics.JOBS_PROGRESS, ready.metadata().petId(), records -> records.stream()
                        .anyMatch(r -> TestKafka.isProgress(r, ready.metadata().jobId(), JobStatus.FAILED)))
                .stream().filter(r -> TestKafka.isProgress(r, ready.metadata().jobId(), JobStatus.FAILED))
                .map(r -> EventCodec.decode(r.value(), JobProgress.class)).findFirst().orElseThrow();
    }

    @Test
    void aCaptionedDatasetIsTrainedUploadedAndAnnounced(@TempDir Path dir) throws Exception {
        CaptionsReady ready = TrainingOrders.upload(store, TENANT, 2, TrainingOrders.tinyConfig(4, 2, Map.of()));
        TestKafka.publish(ready);

        ConsumerRecord<String, String> record = kafka.awaitRecords(Topics.LORA_TRAINED, ready.metadata().petId(),
                records -> !records.isEmpty()).get(0);
        LoraTrained trained = EventCodec.read(record.value(), TestKafka.headers(record), LoraTrained.class);
        ObjectKeys.PetKeys pet = ObjectKeys.pet(TENANT, ready.metadata().petId().toString());
        assertThat(trained.metadata().correlationId()).isEqualTo(ready.metadata().correlationId());
        assertThat(trained.versionName()).isEqualTo("mochi_v1_rank4_ep2");
        assertThat(trained.loraKey()).isEqualTo(pet.loraFile(trained.versionName(),
                trained.versionName() + ".safetensors"));
        assertThat(trained.rank()).isEqualTo(4);
        assertThat(trained.alpha()).isEqualTo(4.0);
        assertThat(trained.steps()).isEqualTo(4);
        assertThat(trained.epochs()).isEqualTo(2);
        assertThat(trained.baseModel()).isEqualTo(TrainingOrders.TINY_MODEL);
        assertThat(trained.trainingConfig()).isEqualTo(ready.trainingConfig());
        assertThat(trained.checkpointKeys()).containsExactly(pet.loraFile(trained.versionName(),
                "checkpoints/step-00000002/lora.safetensors"));
        assertThat(trained.trainingLogKeys()).contains(
                pet.loraFile(trained.versionName(), "loss.png"),
                pet.loraFile(trained.versionName(), "logs/steps.csv"),
                pet.loraFile(trained.versionName(), trained.versionName() + ".json"));
        for (String key : trained.trainingLogKeys()) {
            assertThat(store.exists(key)).as(key).isTrue();
        }
        assertThat(store.exists(trained.checkpointKeys().get(0))).isTrue();

        List<JobProgress> training = kafka.of(Topics.JOBS_PROGRESS, ready.metadata().petId()).stream()
                .map(r -> EventCodec.decode(r.value(), JobProgress.class))
                .filter(p -> p.status() == JobStatus.TRAINING && p.step() != null).toList();
        assertThat(training).extracting(JobProgress::step).containsExactly(1L, 2L, 3L, 4L);
        assertThat(training).allSatisfy(p -> {
            assertThat(p.totalSteps()).isEqualTo(4);
            assertThat(p.loss()).isPositive();
            assertThat(p.message()).startsWith("epoch ");
        });
        assertThat(training.get(3).percent()).isEqualTo(100.0);
        assertThat(training.get(1).etaSeconds()).isNotNull();

        TrainingJob job = job(ready.metadata().jobId());
        assertThat(job.status).isEqualTo(JobState.COMPLETED);
        assertThat(job.step).isEqualTo(4);
        assertThat(job.epoch).isEqualTo(2);
        assertThat(job.loss).isPositive();
        assertThat(job.leaseOwner).isNull();
        assertThat(job.loraKey).isEqualTo(trained.loraKey());

        // The LoRA loads against the base model it was trained on.
        Path model = Files.write(dir.resolve("tiny.safetensors"),
                store.get(ObjectKeys.modelFile(TrainingOrders.TINY_MODEL, ModelRegistry.MODEL_FILE)));
        Path lora = Files.write(dir.resolve("lora.safetensors"), store.get(trained.loraKey()));
        try (StableDiffusion sd = StableDiffusion.load(model, ComputeDevice.cpu());
                NDManager manager = NDManager.newBaseManager();
                LoraNetwork network = LoraNetwork.load(lora, new LoraBase(sd.unetModules(),
                        sd.textEncoderModules()), manager)) {
            assertThat(network.modules()).isNotEmpty();
            assertThat(network.modules().get(0).rank()).isEqualTo(4);
        }
    }

    @Test
    void anOutputNameWithCapitalsNamesTheVersionAsWritten() {
        CaptionsReady ready = TrainingOrders.upload(store, TENANT, 1, TrainingOrders.tinyConfig(1, 0,
                Map.of("output_name", "MyCat")));
        TestKafka.publish(ready);

        ConsumerRecord<String, String> record = kafka.awaitRecords(Topics.LORA_TRAINED, ready.metadata().petId(),
                records -> !records.isEmpty()).get(0);
        LoraTrained trained = EventCodec.read(record.value(), TestKafka.headers(record), LoraTrained.class);
        assertThat(trained.versionName()).isEqualTo("MyCat_v1_rank4_ep1");
        assertThat(trained.loraKey()).endsWith("/loras/MyCat_v1_rank4_ep1/MyCat_v1_rank4_ep1.safetensors");
        assertThat(store.exists(trained.loraKey())).isTrue();
    }

    @Test
    void anUnknownBaseModelFailsTheJobWithTheReason() {
        CaptionsReady ready = TrainingOrders.upload(store, TENANT, 1, TrainingOrders.tinyConfig(2, 0,
                Map.of("base_model", "no-such-model")));
        TestKafka.publish(ready);

        assertThat(awaitFailure(ready).failureReason()).contains("base_model 'no-such-model' is not registered");
        await().atMost(Duration.ofSeconds(30)).until(() -> job(ready.metadata().jobId()).status == JobState.FAILED);
        assertThat(job(ready.metadata().jobId()).failureReason).contains("no-such-model");
    }

    @Test
    void anotherTenantsNetworkWeightsAreRefusedUnread() {
        String foreign = ObjectKeys.pet(OTHER_TENANT, UUID.randomUUID().toString()).loraFile("rex_v1_rank4_ep1",
                "rex_v1_rank4_ep1.safetensors");
        store.put(foreign, new byte[] {1, 2, 3}, "application/octet-stream");
        CaptionsReady ready = TrainingOrders.upload(store, TENANT, 1, TrainingOrders.tinyConfig(2, 0,
                Map.of("network_weights", foreign)));
        TestKafka.publish(ready);

        assertThat(awaitFailure(ready).failureReason()).contains("network_weights '" + foreign
                + "' does not lie under " + ObjectKeys.tenantPrefix(TENANT));
        await().atMost(Duration.ofSeconds(30)).until(() -> job(ready.metadata().jobId()).status == JobState.FAILED);
    }

    @Test
    void aDatasetWhoseImageIsMissingFailsTheJob() {
        CaptionsReady ready = TrainingOrders.upload(store, TENANT, 2, TrainingOrders.tinyConfig(2, 0, Map.of()));
        store.delete(ready.dataset().images().get(1).normalizedKey());
        TestKafka.publish(ready);

        assertThat(awaitFailure(ready).failureReason()).contains("the object "
                + ready.dataset().images().get(1).normalizedKey() + " is missing");
    }

    private RequestSpecification as(String tenant) {
        return given().header("Authorization", "Bearer " + tokens.issue(tenant, UUID.randomUUID()).accessToken());
    }

    @Test
    void theRestApiShowsTheTrainingItsLossAndDownloadsToItsTenantOnly() throws Exception {
        CaptionsReady ready = TrainingOrders.upload(store, TENANT, 1, TrainingOrders.tinyConfig(2, 1, Map.of()));
        TestKafka.publish(ready);
        UUID jobId = ready.metadata().jobId();
        kafka.awaitRecords(Topics.LORA_TRAINED, ready.metadata().petId(), records -> !records.isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> job(jobId).status == JobState.COMPLETED);
        String path = "/v1/trainings/" + jobId;

        as(TENANT).get(path).then().statusCode(200)
                .body("jobId", equalTo(jobId.toString()))
                .body("status", equalTo("completed"))
                .body("step", equalTo(2))
                .body("totalSteps", equalTo(2))
                .body("epoch", equalTo(2))
                .body("loss", notNullValue())
                .body("versionName", equalTo("mochi_v1_rank4_ep2"))
                .body("baseModel", equalTo(TrainingOrders.TINY_MODEL))
                .body("checkpointSteps", contains(1));
        as(TENANT).get(path + "/loss").then().statusCode(200)
                .body("step", contains(1, 2))
                .body("loss", everyItem(notNullValue()));
        String csv = as(TENANT).get(path + "/loss.csv").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertThat(csv).startsWith("step,epoch,loss,");
        assertThat(csv.lines().count()).isEqualTo(3);
        byte[] plot = as(TENANT).get(path + "/loss.png").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertThat(plot).startsWith(0x89, 'P', 'N', 'G');

        String loraUrl = as(TENANT).get(path + "/downloads").then().statusCode(200)
                .body("checkpoints.step", contains(1))
                .body("expiresAt", notNullValue())
                .extract().path("lora");
        byte[] lora = given().urlEncodingEnabled(false).get(java.net.URI.create(loraUrl)).then().statusCode(200)
                .extract().asByteArray();
        assertThat(lora).isEqualTo(store.get(job(jobId).loraKey));

        // Another tenant, and nobody at all, cannot tell the job exists.
        for (String sub : List.of("", "/loss", "/loss.csv", "/loss.png", "/downloads")) {
            as(OTHER_TENANT).get(path + sub).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("status", equalTo(404));
            given().get(path + sub).then().statusCode(401);
        }
        as(TENANT).get("/v1/trainings/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        as(TENANT).get("/v1/trainings/not-a-uuid").then().statusCode(404);

        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'trainer' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'trainer' }.data.worker", equalTo(true));
    }

    @Test
    void aNanLossFromTheTenantsOwnNetworkWeightsFailsTheJobWithTheReason(@TempDir Path dir) throws Exception {
        // An earlier LoRA of the same tenant, poisoned with NaN: training on from it makes the loss NaN at step 1.
        Path model = Files.write(dir.resolve("tiny.safetensors"),
                store.get(ObjectKeys.modelFile(TrainingOrders.TINY_MODEL, ModelRegistry.MODEL_FILE)));
        Path poisoned = dir.resolve("poisoned.safetensors");
        try (StableDiffusion sd = StableDiffusion.load(model, ComputeDevice.cpu());
                NDManager manager = NDManager.newBaseManager();
                LoraNetwork network = LoraNetwork.create(new LoraBase(sd.unetModules(), sd.textEncoderModules()),
                        4, 4, 1, manager)) {
            network.modules().get(network.modules().size() - 1).up().addi(Float.NaN);
            network.save(poisoned, LoraPrecision.FP32, Map.of());
        }
        String earlier = ObjectKeys.pet(TENANT, UUID.randomUUID().toString()).loraFile("mochi_v1_rank4_ep1",
                "mochi_v1_rank4_ep1.safetensors");
        store.put(earlier, Files.readAllBytes(poisoned), "application/octet-stream");
        CaptionsReady ready = TrainingOrders.upload(store, TENANT, 1, TrainingOrders.tinyConfig(3, 0,
                Map.of("network_weights", earlier)));
        TestKafka.publish(ready);

        assertThat(awaitFailure(ready).failureReason()).startsWith("the loss became NaN at step 1");
        await().atMost(Duration.ofSeconds(30)).until(() -> job(ready.metadata().jobId()).status == JobState.FAILED);
        TrainingJob job = job(ready.metadata().jobId());
        assertThat(job.failureReason).startsWith("the loss became NaN at step 1");
        assertThat(job.leaseOwner).isNull();
        assertThat(kafka.of(Topics.LORA_TRAINED, ready.metadata().petId())).isEmpty();
    }

    @Test
    void aDatasetNamingAnotherPetsImageIsDeadLetteredAndNeverQueued() {
        CaptionsReady own = TrainingOrders.upload(store, TENANT, 1, TrainingOrders.tinyConfig(2, 0, Map.of()));
        CaptionsReady other = TrainingOrders.upload(store, TENANT, 1, TrainingOrders.tinyConfig(2, 0, Map.of()));
        CaptionsReady forged = new CaptionsReady(own.metadata(), own.pet(), other.dataset(), own.metadataCsvKey(),
                own.captionKeys(), own.triggerToken(), own.trainingConfig());
        TestKafka.publish(forged);

        String foreign = other.dataset().images().get(0).normalizedKey();
        String expected = "dataset image '" + foreign + "' does not lie under "
                + ObjectKeys.pet(TENANT, own.metadata().petId().toString()).prefix();
        assertThat(awaitFailure(forged).failureReason()).contains(expected);
        assertThat(EventCodec.decodeDeadLetter(kafka.awaitRecords(Topics.deadLetterOf(Topics.CAPTIONS_READY),
                own.metadata().petId(), records -> !records.isEmpty()).get(0).value()).reason()).contains(expected);
        assertThat(job(own.metadata().jobId()).attempts).isZero();
    }

    @Test
    void anotherTenantsRegularizationImagesAreRefusedUnread() {
        String foreign = ObjectKeys.tenantPrefix(OTHER_TENANT) + "class-images/cats/";
        store.put(foreign + "cat_00.jpg", new byte[] {1, 2, 3}, "image/jpeg");
        CaptionsReady ready = TrainingOrders.upload(store, TENANT, 1, TrainingOrders.tinyConfig(2, 0,
                Map.of("reg_data_dir", foreign, "class_prompt", "a photo of a cat")));
        TestKafka.publish(ready);

        assertThat(awaitFailure(ready).failureReason()).contains("reg_data_dir '" + foreign
                + "' does not lie under " + ObjectKeys.tenantPrefix(TENANT));
    }

    @Test
    void aBaseModelWhoseFileDoesNotMatchItsRegisteredSha256IsNotTrainedOn() {
        // The file under the entry is not the one registered (its sha256 differs). Files are cached by their
        // verified sha256, so the check happens on download: this sha256 has never been downloaded here.
        BaseModelEntry tiny = registry.find(TrainingOrders.TINY_MODEL).orElseThrow();
        String name = "tampered-" + UUID.randomUUID().toString().substring(0, 8);
        String file = ObjectKeys.modelFile(name, ModelRegistry.MODEL_FILE);
        String registered = "ab".repeat(32);
        store.put(file, new byte[] {0, 1, 2, 3}, "application/octet-stream");
        registry.register(new BaseModelEntry(name, file, registered, tiny.architecture(), tiny.configs(),
                tiny.license(), tiny.commercialUse()));
        CaptionsReady ready = TrainingOrders.upload(store, TENANT, 1, TrainingOrders.tinyConfig(2, 0,
                Map.of("base_model", name)));
        TestKafka.publish(ready);

        assertThat(awaitFailure(ready).failureReason()).contains("base model '" + name + "': " + file
                + " has sha256 ").contains("but the registry records " + registered);
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
