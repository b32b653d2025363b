package com.pawprint.labeling;

import com.pawprint.contracts.CaptionsReady;
import com.pawprint.contracts.DatasetImage;
import com.pawprint.contracts.DatasetManifest;
import com.pawprint.contracts.DeadLetter;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.EventMetadata;
import com.pawprint.contracts.JobProgress;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.PetProfile;
import com.pawprint.contracts.PhotosIngested;
import com.pawprint.contracts.Species;
import com.pawprint.contracts.Stage;
import com.pawprint.contracts.Topics;
import com.pawprint.contracts.TrainingConfig;
import com.pawprint.labeling.service.MetadataCsv;
import com.pawprint.localstack.LocalStackResource;
import com.pawprint.samples.BadSamples;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** The whole service on the real local stack: photos.ingested in, captions and review over REST, captions.ready out. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class LabelingFlowTest {

    private static final String TENANT = "acme";
    private static final String OTHER_TENANT = "globex";

    private static TestKafka kafka;

    @Inject
    ObjectStore store;

    @Inject
    TokenService tokens;

    @BeforeAll
    static void listen() {
        kafka = TestKafka.reading(Topics.CAPTIONS_READY, Topics.JOBS_PROGRESS,
                Topics.deadLetterOf(Topics.PHOTOS_INGESTED));
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private RequestSpecification as(String tenant) {
        return given().header("Authorization", "Bearer " + tokens.issue(tenant, UUID.randomUUID()).accessToken());
    }

    /** An order of {@code count} synthetic photos of one cat, uploaded where ingest-service puts them. */
    private PhotosIngested order(int count, String review) {
        UUID pet = UUID.randomUUID();
        ObjectKeys.PetKeys keys = ObjectKeys.pet(TENANT, pet.toString());
        List<DatasetImage> images = new ArrayList<>();
        var photos = SyntheticPets.dataset(com.pawprint.samples.Species.CAT, count, 11);
        for (var photo : photos) {
            UUID id = UUID.randomUUID();
            byte[] jpeg = SyntheticPets.jpeg(photo.image());
            store.put(keys.photoOriginal(id.toString()), jpeg, "image/jpeg");
            store.put(keys.photoNormalized(id.toString()), jpeg, "image/jpeg");
            images.add(new DatasetImage(id, keys.photoOriginal(id.toString()), keys.photoNormalized(id.toString()),
                    photo.image().getWidth(), photo.image().getHeight(), "0".repeat(64)));
        }
        return new PhotosIngested(EventMetadata.newChain(TENANT, pet, UUID.randomUUID()),
                new PetProfile("Mochi", Species.CAT, "British Shorthair", "mochi_cat"), new DatasetManifest(images),
                TrainingConfig.of(Map.of("review", review, "lora_rank", 16)));
    }

    private CaptionsReady awaitCaptionsReady(PhotosIngested order) {
        ConsumerRecord<String, String> record = kafka.awaitRecords(Topics.CAPTIONS_READY, order.metadata().petId(),
                records -> !records.isEmpty()).get(0);
        return EventCodec.read(record.value(), TestKafka.headers(record), CaptionsReady.class);
    }

    private List<JobProgress> progress(PhotosIngested order, int atLeast) {
        return kafka.awaitRecords(Topics.JOBS_PROGRESS, order.metadata().petId(), records -> records.size() >= atLeast)
                .stream().map(record -> EventCodec.decode(record.value(), JobProgress.class)).toList();
    }

    @Test
    void autoReviewCaptionsTheOrderAndPublishesCaptionsReady() {
        PhotosIngested order = order(3, "auto");
        TestKafka.publish(order);

        CaptionsReady ready = awaitCaptionsReady(order);
        String job = order.metadata().jobId().toString();
        ObjectKeys.PetKeys keys = ObjectKeys.pet(TENANT, order.metadata().petId().toString());
        assertThat(ready.metadata().correlationId()).isEqualTo(order.metadata().correlationId());
        assertThat(ready.triggerToken()).isEqualTo("mochi_cat");
        assertThat(ready.trainingConfig().loraRank()).isEqualTo(16);
        assertThat(ready.metadataCsvKey()).isEqualTo(keys.datasetMetadata(job));
        assertThat(ready.dataset().images()).hasSize(3);
        assertThat(ready.dataset().images()).allSatisfy(image ->
                assertThat(image.normalizedKey()).startsWith(keys.datasetPrefix(job) + "images/"));

        List<MetadataCsv.Row> rows = MetadataCsv.read(new String(store.get(ready.metadataCsvKey()),
                StandardCharsets.UTF_8));
        assertThat(rows).hasSize(3);
        for (int i = 0; i < 3; i++) {
            DatasetImage image = ready.dataset().images().get(i);
            MetadataCsv.Row row = rows.get(i);
            assertThat(row.filename()).isEqualTo(image.photoId() + ".jpg");
            assertThat(row.prompt()).startsWith("mochi_cat cat, british shorthair, ").contains(" fur");
            assertThat(new String(store.get(ready.captionKeys().get(i)), StandardCharsets.UTF_8))
                    .isEqualTo(row.prompt());
            assertThat(store.get(image.normalizedKey()))
                    .isEqualTo(store.get(order.dataset().images().get(i).normalizedKey()));
        }
        List<JobProgress> reports = progress(order, 2);
        assertThat(reports).extracting(JobProgress::stage).containsOnly(Stage.LABELING);
        assertThat(reports).extracting(JobProgress::status).containsExactly(JobStatus.CAPTIONING, JobStatus.CAPTIONING);
        assertThat(reports.get(1).percent()).isEqualTo(100.0);

        as(TENANT).get("/v1/datasets/" + job).then().statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("captioner", equalTo("basic"))
                .body("captions", hasSize(3));
        as(TENANT).contentType(ContentType.JSON).body("{\"caption\":\"mochi_cat cat\"}")
                .put("/v1/datasets/" + job + "/captions/" + ready.dataset().images().get(0).photoId())
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("can no longer be edited"));

        // the same event again (a redelivery) changes nothing: no second captions.ready, no further report
        TestKafka.publish(order);
        PhotosIngested marker = order(1, "auto");
        TestKafka.publish(marker);
        awaitCaptionsReady(marker);
        assertThat(kafka.of(Topics.CAPTIONS_READY, order.metadata().petId())).hasSize(1);
        assertThat(kafka.of(Topics.JOBS_PROGRESS, order.metadata().petId())).hasSize(2);
    }

    @Test
    void manualReviewWaitsForApprovalAndAcceptsBulkEdits() {
        PhotosIngested order = order(2, "manual");
        TestKafka.publish(order);
        String job = order.metadata().jobId().toString();
        List<JobProgress> reports = progress(order, 2);
        assertThat(reports.get(1).status()).isEqualTo(JobStatus.AWAITING_REVIEW);

        UUID first = order.dataset().images().get(0).photoId();
        as(TENANT).get("/v1/datasets/" + job).then().statusCode(200)
                .body("status", equalTo("AWAITING_REVIEW"))
                .body("reviewMode", equalTo("manual"))
                .body("captions.caption", everyItem(startsWith("mochi_cat cat, british shorthair")))
                .body("captions[0].thumbnailUrl", containsString(order.dataset().images().get(0).photoId()
                        + "/thumbnail"))
                .body("captions[0].warnings", hasSize(0));

        as(TENANT).contentType(ContentType.JSON).body("{\"operation\":\"append\",\"tag\":\"green eyes\"}")
                .post("/v1/datasets/" + job + "/bulk-edit").then().statusCode(200)
                .body("captions.caption", everyItem(containsString(", green eyes")));
        as(TENANT).contentType(ContentType.JSON).body("{\"operation\":\"prepend\",\"tag\":\"sitting\"}")
                .post("/v1/datasets/" + job + "/bulk-edit").then().statusCode(200)
                .body("captions.caption", everyItem(startsWith("mochi_cat cat, sitting, british shorthair")));
        as(TENANT).contentType(ContentType.JSON)
                .body("{\"operation\":\"replace\",\"find\":\"british shorthair\",\"replace\":\"blue british shorthair\"}")
                .post("/v1/datasets/" + job + "/bulk-edit").then().statusCode(200)
                .body("captions.caption", everyItem(containsString("blue british shorthair")));
        as(TENANT).contentType(ContentType.JSON).body("{\"operation\":\"remove-tag\",\"tag\":\"sitting\"}")
                .post("/v1/datasets/" + job + "/bulk-edit").then().statusCode(200)
                .body("captions.caption", everyItem(startsWith("mochi_cat cat, blue british shorthair")));
        as(TENANT).contentType(ContentType.JSON).body("{\"operation\":\"shuffle\"}")
                .post("/v1/datasets/" + job + "/bulk-edit").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("remove-tag"));

        // warnings: no trigger token (with the fix), too long for CLIP (with where it is cut), empty
        as(TENANT).contentType(ContentType.JSON).body("{\"caption\":\"a cat, gray fur\"}")
                .put("/v1/datasets/" + job + "/captions/" + first).then().statusCode(200)
                .body("warnings[0].code", equalTo("missing-trigger"))
                .body("warnings[0].suggestedFix", equalTo("mochi_cat cat, a cat, gray fur"));
        String tooLong = "mochi_cat cat, " + "very fluffy gray fur, ".repeat(20) + "the very end";
        as(TENANT).contentType(ContentType.JSON).body("{\"caption\":\"" + tooLong + "\"}")
                .put("/v1/datasets/" + job + "/captions/" + first).then().statusCode(200)
                .body("warnings[0].code", equalTo("too-long"))
                .body("warnings[0].droppedText", containsString("the very end"));
        as(TENANT).contentType(ContentType.JSON).body("{\"caption\":\" \"}")
                .put("/v1/datasets/" + job + "/captions/" + first).then().statusCode(200)
                .body("warnings[0].code", equalTo("empty"))
                .body("warnings[0].suggestedFix", equalTo("mochi_cat cat"));
        as(TENANT).post("/v1/datasets/" + job + "/approval").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("captions." + first));
        as(TENANT).contentType(ContentType.JSON).body("{\"caption\":\"mochi_cat cat, gray fur, green eyes\"}")
                .put("/v1/datasets/" + job + "/captions/" + first).then().statusCode(200)
                .body("warnings", hasSize(0));

        as(TENANT).get("/v1/datasets/" + job + "/tag-frequencies").then().statusCode(200)
                .body("images.'mochi_cat cat'", equalTo(2))
                .body("images.'green eyes'", equalTo(2))
                .body("images.'gray fur'", notNullValue());
        assertThat(kafka.of(Topics.CAPTIONS_READY, order.metadata().petId())).isEmpty();

        as(TENANT).post("/v1/datasets/" + job + "/approval").then().statusCode(200)
                .body("status", equalTo("APPROVED"));
        CaptionsReady ready = awaitCaptionsReady(order);
        List<MetadataCsv.Row> rows = MetadataCsv.read(new String(store.get(ready.metadataCsvKey()),
                StandardCharsets.UTF_8));
        assertThat(rows.get(0).prompt()).isEqualTo("mochi_cat cat, gray fur, green eyes");
        assertThat(rows.get(1).prompt()).contains("blue british shorthair").endsWith("green eyes");
        assertThat(progress(order, 3).get(2).status()).isEqualTo(JobStatus.CAPTIONING);

        as(TENANT).post("/v1/datasets/" + job + "/approval").then().statusCode(409)
                .contentType("application/problem+json");
        as(TENANT).contentType(ContentType.JSON).body("{\"operation\":\"append\",\"tag\":\"late\"}")
                .post("/v1/datasets/" + job + "/bulk-edit").then().statusCode(409);
    }

    @Test
    void captionEditsAndBulkEditsRefuseTextTheDatabaseCannotStore() {
        PhotosIngested order = order(1, "manual");
        TestKafka.publish(order);
        String job = order.metadata().jobId().toString();
        progress(order, 2);
        UUID photo = order.dataset().images().get(0).photoId();
        String caption = as(TENANT).get("/v1/datasets/" + job).then().statusCode(200)
                .extract().path("captions[0].caption");

        as(TENANT).contentType(ContentType.JSON).body("{\"caption\":\"mochi_cat cat\\u0000\"}")
                .put("/v1/datasets/" + job + "/captions/" + photo).then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("caption"));
        for (String edit : List.of("{\"operation\":\"append\",\"tag\":\"x\\u0000\"}",
                "{\"operation\":\"replace\",\"find\":\"\\u0000\",\"replace\":\"y\"}",
                "{\"operation\":\"replace\",\"find\":\"cat\",\"replace\":\"\\u0007\"}",
                "{\"operation\":\"app\\u0000end\",\"tag\":\"x\"}")) {
            as(TENANT).contentType(ContentType.JSON).body(edit).post("/v1/datasets/" + job + "/bulk-edit").then()
                    .statusCode(422).contentType("application/problem+json")
                    .body("detail", containsString("control character"));
        }
        as(TENANT).get("/v1/datasets/" + job).then().body("captions[0].caption", equalTo(caption));
    }

    @Test
    void anotherTenantsDatasetIsNotFoundOnEveryEndpoint() {
        PhotosIngested order = order(1, "manual");
        TestKafka.publish(order);
        progress(order, 2);
        String path = "/v1/datasets/" + order.metadata().jobId();
        UUID photo = order.dataset().images().get(0).photoId();

        as(OTHER_TENANT).get(path).then().statusCode(404).contentType("application/problem+json");
        as(OTHER_TENANT).contentType(ContentType.JSON).body("{\"caption\":\"stolen\"}")
                .put(path + "/captions/" + photo).then().statusCode(404);
        as(OTHER_TENANT).contentType(ContentType.JSON).body("{\"operation\":\"append\",\"tag\":\"x\"}")
                .post(path + "/bulk-edit").then().statusCode(404);
        as(OTHER_TENANT).get(path + "/tag-frequencies").then().statusCode(404);
        as(OTHER_TENANT).post(path + "/approval").then().statusCode(404);
        given().get(path).then().statusCode(401);

        as(TENANT).get(path).then().statusCode(200).body("captions[0].caption", startsWith("mochi_cat cat"));
        as(TENANT).get("/v1/datasets/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'captioner' }.data.captioner", equalTo("basic"));
    }

    @Test
    void badPhotosAreLeftOutAndTheRestIsCaptioned() {
        PhotosIngested order = order(3, "manual");
        List<DatasetImage> images = order.dataset().images();
        store.delete(images.get(0).normalizedKey());
        store.put(images.get(1).normalizedKey(), BadSamples.notAnImage(), "image/jpeg");
        TestKafka.publish(order);
        progress(order, 2);

        as(TENANT).get("/v1/datasets/" + order.metadata().jobId()).then().statusCode(200)
                .body("captions", hasSize(1))
                .body("captions[0].photoId", equalTo(images.get(2).photoId().toString()))
                .body("skipped", hasSize(2))
                .body("skipped.find { it.photoId == '" + images.get(0).photoId() + "' }.reason",
                        containsString("missing from storage"))
                .body("skipped.find { it.photoId == '" + images.get(1).photoId() + "' }.reason",
                        containsString("cannot be decoded"));
    }

    @Test
    void anOrderWithoutAUsablePhotoFailsToTheDeadLetterTopic() {
        PhotosIngested order = order(1, "auto");
        store.delete(order.dataset().images().get(0).normalizedKey());
        TestKafka.publish(order);

        DeadLetter letter = EventCodec.decodeDeadLetter(kafka.awaitRecords(Topics.deadLetterOf(Topics.PHOTOS_INGESTED),
                order.metadata().petId(), records -> !records.isEmpty()).get(0).value());
        assertThat(letter.reason()).contains("none of the 1 photos could be captioned").contains("missing");
        assertThat(letter.stage()).isEqualTo(Stage.LABELING);
        JobProgress failure = progress(order, 2).get(1);
        assertThat(failure.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failure.stage()).isEqualTo(Stage.LABELING);
        assertThat(failure.failureReason()).isEqualTo(letter.reason());
        as(TENANT).get("/v1/datasets/" + order.metadata().jobId()).then().statusCode(404);
    }

    @Test
    void anOrderNamingAnotherTenantsPhotoIsDeadLetteredWholeAndNothingIsCaptioned() {
        PhotosIngested own = order(2, "auto");
        PhotosIngested elsewhere = order(1, "auto");
        String foreignKey = ObjectKeys.pet("other-tenant", elsewhere.metadata().petId().toString())
                .photoNormalized(UUID.randomUUID().toString());
        store.put(foreignKey, store.get(elsewhere.dataset().images().get(0).normalizedKey()), "image/jpeg");
        DatasetImage ownPhoto = own.dataset().images().get(0);
        List<DatasetImage> images = List.of(ownPhoto, new DatasetImage(UUID.randomUUID(), foreignKey, foreignKey,
                ownPhoto.width(), ownPhoto.height(), ownPhoto.sha256()));
        PhotosIngested forged = new PhotosIngested(own.metadata(), own.pet(), new DatasetManifest(images),
                own.trainingConfig());
        TestKafka.publish(forged);

        DeadLetter letter = EventCodec.decodeDeadLetter(kafka.awaitRecords(Topics.deadLetterOf(Topics.PHOTOS_INGESTED),
                own.metadata().petId(), records -> !records.isEmpty()).get(0).value());
        assertThat(letter.reason()).isEqualTo("photo '" + foreignKey + "' does not lie under "
                + ObjectKeys.pet(TENANT, own.metadata().petId().toString()).prefix());
        assertThat(progress(forged, 1).get(0).status()).isEqualTo(JobStatus.FAILED);
        as(TENANT).get("/v1/datasets/" + own.metadata().jobId()).then().statusCode(404);
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicWithTheReason() {
        UUID pet = UUID.randomUUID();
        TestKafka.send(Topics.PHOTOS_INGESTED, pet.toString(), "{not json", Map.of(
                "ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", PhotosIngested.TYPE,
                "ce_source", TestKafka.TEST_SOURCE.toString(), "content-type", "application/json"));
        DeadLetter letter = EventCodec.decodeDeadLetter(kafka.awaitRecords(Topics.deadLetterOf(Topics.PHOTOS_INGESTED),
                pet, records -> !records.isEmpty()).get(0).value());
        assertThat(letter.payload()).isEqualTo("{not json");
        assertThat(letter.reason()).isNotBlank();
        assertThat(letter.service()).isEqualTo("labeling-service");

        // the partition moves on: the next order is captioned
        PhotosIngested next = order(1, "auto");
        TestKafka.publish(next);
        awaitCaptionsReady(next);
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
