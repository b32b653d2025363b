package com.pawprint.ingest;

import com.pawprint.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.net.URI;
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

    /** The management interface's root path (/q/); requests below name their paths from the server's root. */
    @TestHTTPResource(value = "/", management = true)
    URI managementInterface;

    private RequestSpecification management() {
        return given().baseUri(managementInterface.resolve("/").toString());
    }

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
        management().get("/q/metrics").then().statusCode(200)
                .body(containsString("pawprint_photos_verdicts_total{reason=\"none\",verdict=\"accepted\"}"))
                .body(containsString("pawprint_photos_verdicts_total{reason=\"empty\",verdict=\"rejected\"}"));
    }

    @Test
    void describesItsApiWithOpenApiAndSwaggerUi() {
        management().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/pets/{petId}/trainings"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/pets/{petId}/photos"));
        management().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void operationsEndpointsAreAbsentFromTheServicePort() {
        for (String path : List.of("/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
            given().get(path).then().statusCode(404);
        }
    }
}
