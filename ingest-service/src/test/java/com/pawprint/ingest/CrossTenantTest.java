package com.pawprint.ingest;

import com.pawprint.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/** Every tenant endpoint, called by another tenant with the owner's ids: always 404, and nothing changes. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class CrossTenantTest {

    private static Api.Tenant owner;
    private static Api.Tenant intruder;
    private static UUID pet;
    private static UUID photo;
    private static String job;
    private static String webhook;
    private static UUID intrudersPet;

    /** RestAssured knows the app's random port only per test, so shared data is made on the first one. */
    @BeforeEach
    void ownerData() {
        if (owner != null) {
            return;
        }
        owner = Api.newTenant("owner");
        intruder = Api.newTenant("intruder");
        pet = Api.createPet(owner, "Private", "cat");
        photo = Api.uploadAccepted(owner, pet, List.of(Samples.pet(401), Samples.pet(402))).get(0);
        job = Api.order(owner, pet, UUID.randomUUID().toString(), "application/json", "{}").then().statusCode(201)
                .extract().path("id");
        webhook = owner.request().contentType(ContentType.JSON).body("{\"url\":\"http://127.0.0.1:9/none\"}")
                .post("/v1/webhooks").then().statusCode(201).extract().path("id");
        intrudersPet = Api.createPet(intruder, "Own", "dog");
    }

    @Test
    void everyEndpointAnswers404ForAnotherTenantsResources() {
        Map<String, Function<RequestSpecification, Response>> calls = new LinkedHashMap<>();
        calls.put("GET pet", r -> r.get("/v1/pets/" + pet));
        calls.put("DELETE pet", r -> r.delete("/v1/pets/" + pet));
        calls.put("GET photos", r -> r.get("/v1/pets/" + pet + "/photos"));
        calls.put("DELETE photo", r -> r.delete("/v1/pets/" + pet + "/photos/" + photo));
        calls.put("DELETE photo via own pet", r -> r.delete("/v1/pets/" + intrudersPet + "/photos/" + photo));
        calls.put("POST trainings", r -> r.header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body("{}").post("/v1/pets/" + pet + "/trainings"));
        calls.put("GET pet jobs", r -> r.get("/v1/pets/" + pet + "/jobs"));
        calls.put("GET job", r -> r.get("/v1/jobs/" + job));
        calls.put("POST job cancel", r -> r.post("/v1/jobs/" + job + "/cancel"));
        calls.put("GET webhook", r -> r.get("/v1/webhooks/" + webhook));
        calls.put("GET webhook deliveries", r -> r.get("/v1/webhooks/" + webhook + "/deliveries"));
        calls.put("DELETE webhook", r -> r.delete("/v1/webhooks/" + webhook));

        calls.forEach((name, call) -> {
            Response response = call.apply(intruder.request());
            assertThat(response.statusCode()).as(name).isEqualTo(404);
            assertThat(response.contentType()).as(name).startsWith("application/problem+json");
        });
        Response upload = Api.files(intruder, List.of(Samples.pet(403))).post("/v1/pets/" + pet + "/photos");
        assertThat(upload.statusCode()).as("POST photos").isEqualTo(404);

        // The owner's data is untouched.
        owner.request().get("/v1/pets/" + pet).then().statusCode(200);
        owner.request().get("/v1/pets/" + pet + "/photos").then().body("$", hasSize(2));
        owner.request().get("/v1/jobs/" + job).then().statusCode(200).body("status", equalTo("RECEIVED"));
        owner.request().get("/v1/webhooks/" + webhook).then().statusCode(200);
    }

    @Test
    void listingsShowOnlyTheTenantsOwnResources() {
        intruder.request().get("/v1/pets").then().statusCode(200)
                .body("id", not(hasItem(pet.toString())))
                .body("id", hasItem(intrudersPet.toString()));
        intruder.request().get("/v1/webhooks").then().statusCode(200).body("id", not(hasItem(webhook)));
    }

    @Test
    void aKeyIsRevokedOnlyUnderItsOwnTenant() {
        Api.admin().delete("/v1/admin/tenants/" + intruder.id() + "/keys/" + owner.apiKeyId()).then()
                .statusCode(404);
        Api.token(owner.apiKey());
    }
}
