package com.pawprint.ingest;

import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.Topics;
import com.pawprint.localstack.LocalStackResource;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectStore;
import com.pawprint.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(LocalStackResource.class)
class PetDeletionTest {

    @Inject
    ObjectStore store;

    @Test
    void deletingAPetDeletesItsPhotosEveryLaterStagesFilesAndCancelsItsJobs() {
        Api.Tenant tenant = Api.newTenant("privacy-test");
        UUID pet = Api.createPet(tenant, "Forget", "cat");
        UUID otherPet = Api.createPet(tenant, "Keep", "cat");
        Api.uploadAccepted(tenant, pet, List.of(Samples.pet(501), Samples.pet(502)));
        Api.uploadAccepted(tenant, otherPet, List.of(Samples.pet(503)));
        String job = Api.order(tenant, pet, UUID.randomUUID().toString(), "application/json", "{}").then()
                .statusCode(201).extract().path("id");
        ObjectKeys.PetKeys keys = ObjectKeys.pet(tenant.id(), pet.toString());
        // What later stages would have written for the pet.
        store.put(keys.datasetMetadata(job), "file_name,text\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        store.put(keys.loraFile("v1", "pet.safetensors"), new byte[] {1, 2, 3}, "application/octet-stream");
        store.put(keys.render(job, "r1"), new byte[] {4, 5}, "image/png");

        tenant.request().delete("/v1/pets/" + pet).then().statusCode(204);

        assertThat(store.list(keys.prefix())).isEmpty();
        assertThat(store.list(ObjectKeys.pet(tenant.id(), otherPet.toString()).prefix())).hasSize(3);
        tenant.request().get("/v1/pets/" + pet).then().statusCode(404);
        tenant.request().get("/v1/pets/" + pet + "/photos").then().statusCode(404);
        tenant.request().get("/v1/jobs/" + job).then().statusCode(404);
        tenant.request().get("/v1/pets/" + otherPet + "/photos").then().statusCode(200);
        try (TestKafka kafka = TestKafka.reading(Topics.JOBS_PROGRESS)) {
            kafka.awaitRecords(records -> records.stream()
                    .anyMatch(record -> TestKafka.isProgress(record, UUID.fromString(job), JobStatus.CANCELED)));
        }
    }
}
