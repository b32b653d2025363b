package com.pawprint.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemExceptionMappersTest {

    private static ValidatableResponse assertProblem(ValidatableResponse response, int status, String slug) {
        return response.log().ifValidationFails().statusCode(status)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("status", equalTo(status))
                .body("type", equalTo(Problem.TYPE_BASE + slug))
                .body("title", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("at com.")));
    }

    @Test
    void problemExceptionIsRenderedWithInstance() {
        assertProblem(given().get("/test/missing-pet").then(), 404, "not-found")
                .body("detail", equalTo("pet 42 not found"))
                .body("instance", equalTo("/test/missing-pet"));
    }

    @Test
    void unknownPathIsNotFound() {
        assertProblem(given().get("/nowhere").then(), 404, "not-found")
                .body("detail", equalTo("No resource at /nowhere"));
    }

    @Test
    void wrongMethodIsNotAllowed() {
        assertProblem(given().delete("/test/boom").then(), 405, "method-not-allowed");
    }

    @Test
    void unacceptableMediaTypeIsNotAcceptable() {
        assertProblem(given().accept("image/png").get("/test/pets").then(), 406, "not-acceptable");
    }

    @Test
    void unsupportedContentTypeIs415() {
        assertProblem(given().contentType("text/csv").body("a,b").post("/test/pets").then(),
                415, "unsupported-media-type");
    }

    @Test
    void malformedJsonIs400WithPosition() {
        assertProblem(given().contentType("application/json").body("{\"name\": ").post("/test/pets").then(),
                400, "malformed-body")
                .body("detail", startsWith("Request body is not valid JSON"));
    }

    @Test
    void wrongJsonShapeIs400() {
        assertProblem(given().contentType("application/json").body("{\"name\":\"Rex\",\"age\":1,\"tags\":{\"a\":1}}")
                .post("/test/pets").then(), 400, "malformed-body");
    }

    @Test
    void constraintViolationsListEachField() {
        assertProblem(given().contentType("application/json").body("{\"name\":\" \",\"age\":99,\"tags\":[\"a\",\"\"]}")
                .post("/test/pets").then(), 400, "validation")
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("age"))
                .body("errors.field", hasItem("tags[1]"));
    }

    @Test
    void queryParameterViolationNamesTheParameter() {
        assertProblem(given().queryParam("limit", 1000).get("/test/pets").then(), 400, "validation")
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void unexpectedErrorIsGeneric500WithoutInternals() {
        assertProblem(given().get("/test/boom").then(), 500, "internal")
                .body(not(containsString("hunter2")))
                .body("detail", startsWith("An unexpected error occurred. Reference: "));
    }

    @Test
    void oversizedBodyIs413Problem() {
        assertProblem(given().contentType("application/octet-stream").body(new byte[4096])
                .post("/test/upload").then(), 413, "payload-too-large");
    }

    @Test
    void bodyWithinLimitPasses() {
        given().contentType("application/octet-stream").body(new byte[512]).post("/test/upload")
                .then().statusCode(200).body(equalTo("512"));
    }
}
