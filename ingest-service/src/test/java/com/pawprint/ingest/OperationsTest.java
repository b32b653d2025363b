package com.pawprint.ingest;

import com.pawprint.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Health, metrics and the API description, as an operator and a client developer use them. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class OperationsTest {

    @Test
    void isReadyWithItsDatabaseAndBroker() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void reportsItsBacklog() {
        given().get("/q/health/group/backlog").then().statusCode(200)
                .body("checks.find { it.name == 'backlog' }.data.pendingEvents", notNullValue())
                .body("checks.find { it.name == 'backlog' }.data.pendingWebhookDeliveries", notNullValue());
    }

    @Test
    void countsPhotoVerdictsInPrometheusMetrics() {
        Api.Tenant tenant = Api.newTenant("metrics-test");
        UUID pet = Api.createPet(tenant, "Counted", "cat");
        Api.files(tenant, List.of(Samples.pet(801), Samples.empty())).post("/v1/pets/" + pet + "/photos")
                .then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pawprint_photos_verdicts_total{reason=\"none\",verdict=\"accepted\"}"))
                .body(containsString("pawprint_photos_verdicts_total{reason=\"empty\",verdict=\"rejected\"}"));
    }

    @Test
    void describesItsApiWithOpenApiAndSwaggerUi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/pets/{petId}/trainings"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/pets/{petId}/photos"));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
