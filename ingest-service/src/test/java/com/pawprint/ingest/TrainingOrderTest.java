package com.pawprint.ingest;

import com.pawprint.contracts.CloudEventHeaders;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.PhotosIngested;
import com.pawprint.contracts.Species;
import com.pawprint.contracts.Topics;
import com.pawprint.localstack.LocalStackResource;
import com.pawprint.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(LocalStackResource.class)
class TrainingOrderTest {

    static final String JSON = "application/json";
    static final String YAML = "application/yaml";

    private static Api.Tenant tenant;

    /** RestAssured knows the app's random port only per test, so shared data is made on the first one. */
    @BeforeEach
    void tenant() {
        if (tenant != null) {
            return;
        }
        tenant = Api.newTenant("training-order-test");
    }

    @Test
    void anOrderCreatesAJobAndPublishesPhotosIngestedWithTheDatasetAndConfig() {
        UUID pet = Api.createPet(tenant, "Mochi", "cat");
        List<UUID> photos = Api.uploadAccepted(tenant, pet, List.of(Samples.pet(101), Samples.pet(102)));

        String jobId = Api.order(tenant, pet, UUID.randomUUID().toString(), JSON,
                        "{\"lora_rank\": 16, \"epochs\": 4, \"learning_rate\": 0.0002, \"resolution\": 512}")
                .then().statusCode(201)
                .header("Location", containsString("/v1/jobs/"))
                .body("status", equalTo("RECEIVED"))
                .body("petId", equalTo(pet.toString()))
                .body("photoCount", equalTo(2))
                .extract().path("id");

        try (TestKafka kafka = TestKafka.reading(Topics.PHOTOS_INGESTED)) {
            ConsumerRecord<String, String> record = kafka.awaitRecords(Topics.PHOTOS_INGESTED, pet,
                    records -> !records.isEmpty()).get(0);
            PhotosIngested event = EventCodec.read(record.value(), TestKafka.headers(record), PhotosIngested.class);
            assertThat(event.metadata().jobId()).hasToString(jobId);
            assertThat(event.metadata().tenantId()).isEqualTo(tenant.id());
            assertThat(event.pet().triggerToken()).isEqualTo("mochi_cat");
            assertThat(event.pet().species()).isEqualTo(Species.CAT);
            assertThat(event.dataset().images()).extracting(image -> image.photoId())
                    .containsExactlyElementsOf(photos);
            assertThat(event.dataset().images().get(0).normalizedKey())
                    .startsWith("tenants/" + tenant.id() + "/pets/" + pet + "/photos/" + photos.get(0));
            assertThat(event.trainingConfig().loraRank()).isEqualTo(16);
            assertThat(event.trainingConfig().epochs()).isEqualTo(4);
            Map<String, String> headers = TestKafka.headers(record);
            assertThat(headers).containsEntry(CloudEventHeaders.ID, event.metadata().eventId().toString())
                    .containsEntry(CloudEventHeaders.TYPE, PhotosIngested.TYPE)
                    .containsEntry(CloudEventHeaders.SOURCE, "urn:pawprint:ingest-service");
        }
        tenant.request().get("/v1/jobs/" + jobId).then().statusCode(200).body("status", equalTo("RECEIVED"));
        tenant.request().get("/v1/pets/" + pet + "/jobs").then().statusCode(200).body("id", hasSize(1));
    }

    @Test
    void acceptsYamlConfigs() {
        UUID pet = petWithPhotos("Yam", 111);
        Api.order(tenant, pet, UUID.randomUUID().toString(), YAML, "lora_rank: 4\nnetwork_alpha: 2\nepochs: 2\n")
                .then().statusCode(201).body("status", equalTo("RECEIVED"));
    }

    @Test
    void theSameKeyAndBodyAnswersWithTheSameJob() {
        UUID pet = petWithPhotos("Same", 121);
        String key = UUID.randomUUID().toString();
        String config = "{\"epochs\": 3}";
        String first = Api.order(tenant, pet, key, JSON, config).then().statusCode(201)
                .header("Idempotent-Replayed", nullValue()).extract().path("id");
        Api.order(tenant, pet, key, JSON, config).then().statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .body("id", equalTo(first));
        tenant.request().get("/v1/pets/" + pet + "/jobs").then().body("id", hasSize(1));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        UUID pet = petWithPhotos("Other", 131);
        String key = UUID.randomUUID().toString();
        Api.order(tenant, pet, key, JSON, "{\"epochs\": 3}").then().statusCode(201);
        Api.order(tenant, pet, key, JSON, "{\"epochs\": 5}").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pawprint.dev/problems/idempotency-key-reused"));
        tenant.request().get("/v1/pets/" + pet + "/jobs").then().body("id", hasSize(1));
    }

    @Test
    void anOrderNeedsAnIdempotencyKey() {
        UUID pet = petWithPhotos("Keyless", 141);
        tenant.request().contentType(JSON).body("{}").post("/v1/pets/" + pet + "/trainings").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("Idempotency-Key"));
    }

    @Test
    void anInvalidConfigIs422WithEveryViolation() {
        UUID pet = petWithPhotos("Invalid", 151);
        Api.order(tenant, pet, UUID.randomUUID().toString(), YAML,
                        "lora_rank: 0\nbatch_size: 99\nresolution: 500\nno_such_option: 1\n")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("lora_rank", "batch_size", "resolution", "no_such_option"));
        Api.order(tenant, pet, UUID.randomUUID().toString(), YAML, "lora_rank: [unclosed\n")
                .then().statusCode(422).contentType("application/problem+json");
        Api.order(tenant, pet, UUID.randomUUID().toString(), JSON, "{\"lora_rank\": ")
                .then().statusCode(422).contentType("application/problem+json");
        Api.order(tenant, pet, UUID.randomUUID().toString(), "text/plain", "lora_rank: 4")
                .then().statusCode(415).contentType("application/problem+json");
        tenant.request().get("/v1/pets/" + pet + "/jobs").then().body("id", hasSize(0));
    }

    @Test
    void anOrderNeedsEnoughAcceptedPhotos() {
        UUID pet = Api.createPet(tenant, "Lonely", "dog");
        Api.uploadAccepted(tenant, pet, List.of(Samples.pet(161)));
        Api.order(tenant, pet, UUID.randomUUID().toString(), JSON, "{}").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pawprint.dev/problems/not-enough-photos"));
    }

    @Test
    void anUnknownPetIs404() {
        Api.order(tenant, UUID.randomUUID(), UUID.randomUUID().toString(), JSON, "{}").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static UUID petWithPhotos(String name, int firstSeed) {
        UUID pet = Api.createPet(tenant, name, "dog");
        Api.uploadAccepted(tenant, pet, List.of(Samples.pet(firstSeed), Samples.pet(firstSeed + 1)));
        return pet;
    }
}
