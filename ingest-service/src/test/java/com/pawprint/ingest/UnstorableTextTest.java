package com.pawprint.ingest;

import com.pawprint.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Text PostgreSQL cannot store (a NUL, other control characters) is a 422 naming the field, in every text field. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class UnstorableTextTest {

    /** A JSON string escape: the body is valid JSON, and the decoded text holds a NUL. */
    private static final String NUL = "\\u0000";

    @Test
    void everyJsonTextFieldRefusesControlCharacters() {
        Api.Tenant tenant = Api.newTenant("unstorable-text-test");
        assertRefused(Api.admin(), "/v1/admin/tenants", "{\"name\":\"shop" + NUL + "\"}", "name");
        assertRefused(given(), "/v1/auth/token", "{\"apiKey\":\"pp_" + NUL + "\"}", "apiKey");
        for (String field : List.of("name", "species", "breed", "triggerToken")) {
            String pet = "{\"name\":\"Rex\",\"species\":\"dog\",\"breed\":\"Beagle\",\"triggerToken\":\"rex_dog\"}"
                    .replace("\"" + field + "\":\"", "\"" + field + "\":\"x" + NUL);
            assertRefused(tenant.request(), "/v1/pets", pet, field);
        }
        assertRefused(tenant.request(), "/v1/webhooks", "{\"url\":\"https://example.com/" + NUL + "\"}", "url");
        assertRefused(tenant.request(), "/v1/webhooks",
                "{\"url\":\"https://example.com/hooks\",\"description\":\"shop\\u001b[2J\"}", "description");
        tenant.request().get("/v1/pets").then().statusCode(200).body("$", hasSize(0));
        tenant.request().get("/v1/webhooks").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void trainingConfigTextRefusesControlCharactersByOption() {
        Api.Tenant tenant = Api.newTenant("unstorable-config-test");
        UUID pet = Api.createPet(tenant, "Config", "cat");
        Api.order(tenant, pet, UUID.randomUUID().toString(), "application/yaml", "output_name: \"rex\\0\"\n")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("output_name"))
                .body("errors[0].message", containsString("U+0000"));
        tenant.request().get("/v1/pets/" + pet + "/jobs").then().statusCode(200).body("$", hasSize(0));
    }

    private static void assertRefused(RequestSpecification request, String path, String body, String field) {
        request.contentType(ContentType.JSON).body(body).post(path).then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field))
                .body("detail", containsString("control character U+00"));
    }
}
