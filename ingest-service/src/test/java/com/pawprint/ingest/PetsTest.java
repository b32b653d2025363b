package com.pawprint.ingest;

import com.pawprint.localstack.LocalStackResource;
import com.pawprint.tenancy.JwtCodec;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(LocalStackResource.class)
class PetsTest {

    private static Api.Tenant tenant;

    /** RestAssured knows the app's random port only per test, so shared data is made on the first one. */
    @BeforeEach
    void tenant() {
        if (tenant != null) {
            return;
        }
        tenant = Api.newTenant("pets-test");
    }

    @Test
    void createsGetsListsAndDeletesPets() {
        UUID mochi = Api.createPet(tenant, "Mochi", "cat");
        tenant.request().get("/v1/pets/" + mochi).then().statusCode(200)
                .body("name", equalTo("Mochi"))
                .body("species", equalTo("cat"))
                .body("triggerToken", equalTo("mochi_cat"));
        String rex = tenant.request().contentType(ContentType.JSON)
                .body("{\"name\":\"Rex\",\"species\":\"dog\",\"breed\":\"Beagle\",\"triggerToken\":\"rexx_dog\"}")
                .post("/v1/pets").then().statusCode(201)
                .header("Location", containsString("/v1/pets/"))
                .body("breed", equalTo("Beagle"))
                .body("triggerToken", equalTo("rexx_dog"))
                .extract().path("id");

        tenant.request().get("/v1/pets").then().statusCode(200)
                .body("id", hasItem(mochi.toString()))
                .body("id", hasItem(rex));

        tenant.request().delete("/v1/pets/" + rex).then().statusCode(204);
        tenant.request().get("/v1/pets/" + rex).then().statusCode(404)
                .contentType("application/problem+json");
        tenant.request().get("/v1/pets").then().body("id", not(hasItem(rex)));
    }

    @Test
    void derivesTriggerTokensFromNamesAndSpecies() {
        tenant.request().contentType(ContentType.JSON).body("{\"name\":\"Señor Bigotes\",\"species\":\"other\"}")
                .post("/v1/pets").then().statusCode(201).body("triggerToken", equalTo("senor_bigotes_pet"));
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        tenant.request().contentType(ContentType.JSON)
                .body("{\"name\":\" \",\"species\":\"hamster\",\"triggerToken\":\"Has Spaces\"}")
                .post("/v1/pets").then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("errors.field", containsInAnyOrder("name", "species", "triggerToken"));
    }

    @Test
    void malformedJsonIsAProblemNotAnError() {
        tenant.request().contentType(ContentType.JSON).body("{\"name\":")
                .post("/v1/pets").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void everyEndpointNeedsAValidToken() {
        given().get("/v1/pets").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer not-a-token").get("/v1/pets").then().statusCode(401);
        // A tenant's token is no admin credential.
        tenant.request().contentType(ContentType.JSON).body("{\"name\":\"x\"}").post("/v1/admin/tenants")
                .then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"apiKey\":\"pp_nothere\"}").post("/v1/auth/token")
                .then().statusCode(401).contentType("application/problem+json");
        // Signed with the service's own secret, but for ten years: over the maximum lifetime.
        Duration tenYears = Duration.ofDays(3650);
        String longLived = new JwtCodec(ConfigProvider.getConfig().getValue("pawprint.auth.jwt-secret", String.class)
                .getBytes(StandardCharsets.UTF_8), "pawprint", "pawprint-api", tenYears, Clock.systemUTC())
                .sign(tenant.id(), tenant.apiKeyId(), tenYears);
        given().header("Authorization", "Bearer " + longLived).get("/v1/pets").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aRevokedKeyGetsNoNewTokenAndItsTokensStopWorkingWithinSeconds() {
        Api.Tenant other = Api.newTenant("revoked-key-test");
        other.request().get("/v1/pets").then().statusCode(200);
        Api.admin().delete("/v1/admin/tenants/" + other.id() + "/keys/" + other.apiKeyId()).then().statusCode(204);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                other.request().get("/v1/pets").then().statusCode(401).contentType("application/problem+json"));
        given().contentType(ContentType.JSON).body("{\"apiKey\":\"" + other.apiKey() + "\"}")
                .post("/v1/auth/token").then().statusCode(401);
        Api.admin().delete("/v1/admin/tenants/" + other.id() + "/keys/" + UUID.randomUUID()).then().statusCode(404);
        Api.admin().post("/v1/admin/tenants/" + UUID.randomUUID() + "/keys").then().statusCode(404);
    }
}
