package com.pawprint.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    void controlCharactersInAnyStringAre422NamingTheField() {
        assertProblem(given().contentType("application/json").body("{\"name\":\"Re\\u0000x\",\"age\":1}")
                .post("/test/pets").then(), 422, "validation")
                .body("errors[0].field", equalTo("name"))
                .body("detail", equalTo("Field 'name' contains the control character U+0000 at position 2; only "
                        + "tab, line feed and carriage return are allowed"));
        assertProblem(given().contentType("application/json")
                .body("{\"name\":\"Rex\",\"age\":1,\"tags\":[\"ok\",\"\\u001b[2J\"]}")
                .post("/test/pets").then(), 422, "validation")
                .body("errors[0].field", equalTo("tags[1]"));
    }

    @Test
    void queryParameterViolationNamesTheParameter() {
        assertProblem(given().queryParam("limit", 1000).get("/test/pets").then(), 400, "validation")
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void unconvertibleQueryParameterIsAClientErrorWithoutInternals() {
        given().queryParam("limit", "lots").get("/test/pets").then().log().ifValidationFails()
                .statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500)))
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body(not(containsString("Exception")));
    }

    @Test
    void problemIsServedToClientsThatAcceptOnlyJson() {
        assertProblem(given().accept("application/json").get("/test/missing-pet").then(), 404, "not-found");
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

    /**
     * Quarkus answers this one itself, before any mapper, with an empty body: only the status is ours to check. The
     * request goes out in one write over a raw socket so that the server has received all of it before it closes
     * the connection (a client still sending at that point would see a reset instead of the answer).
     */
    @Test
    void oversizedChunkedBodyIs413() throws Exception {
        String chunk = "x".repeat(2048);
        String request = "POST /test/upload HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n";
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 413 Request Entity Too Large", statusLine);
        }
    }

    @Test
    void aStalledBodyIs408WithinItsDeadline() throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            long started = System.nanoTime();
            // 100 bytes declared, 10 sent, then nothing: the deadline is 1 s of grace plus 100 bytes at 64 KiB/s.
            socket.getOutputStream().write(("POST /test/upload HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: 100\r\n\r\n0123456789")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("application/problem+json"), answer);
            assertTrue(answer.contains("\"status\":408") && answer.contains("\"instance\":\"/test/upload\""), answer);
            assertTrue(waited.compareTo(Duration.ofMillis(900)) > 0 && waited.compareTo(Duration.ofSeconds(8)) < 0,
                    "answered after " + waited);
        }
    }

    @Test
    void bodyWithinLimitPasses() {
        given().contentType("application/octet-stream").body(new byte[512]).post("/test/upload")
                .then().statusCode(200).body(equalTo("512"));
    }
}
