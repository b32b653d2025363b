package com.pawprint.ingest;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Drives ingest-service over HTTP the way a tenant's client does. */
public final class Api {

    public static final String ADMIN_TOKEN = "test-admin-token";

    /** A tenant with an API key and a bearer token obtained through the token exchange. */
    public record Tenant(String id, String apiKey, UUID apiKeyId, String token) {

        public RequestSpecification request() {
            return given().header("Authorization", "Bearer " + token);
        }
    }

    private Api() {
    }

    /** Where the application under test listens. */
    public static String baseUri() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    public static Tenant newTenant(String name) {
        String tenantId = admin().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}")
                .post("/v1/admin/tenants").then().statusCode(201).extract().path("id");
        Response key = admin().post("/v1/admin/tenants/" + tenantId + "/keys").then().statusCode(201).extract()
                .response();
        String apiKey = key.path("key");
        return new Tenant(tenantId, apiKey, UUID.fromString(key.path("id")), token(apiKey));
    }

    public static String token(String apiKey) {
        return given().contentType(ContentType.JSON).body("{\"apiKey\":\"" + apiKey + "\"}")
                .post("/v1/auth/token").then().statusCode(200).extract().path("access_token");
    }

    public static UUID createPet(Tenant tenant, String name, String species) {
        return UUID.fromString(tenant.request().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"species\":\"" + species + "\"}")
                .post("/v1/pets").then().statusCode(201).extract().path("id"));
    }

    /** A multipart upload request with one part per file. */
    public static RequestSpecification files(Tenant tenant, List<NamedFile> files) {
        RequestSpecification request = tenant.request();
        for (NamedFile file : files) {
            request = request.multiPart("files", file.name(), file.bytes(), file.mediaType());
        }
        return request;
    }

    public record NamedFile(String name, byte[] bytes, String mediaType) {
    }

    /** Uploads the files and returns the ids of the accepted photos, expecting every file to be accepted. */
    public static List<UUID> uploadAccepted(Tenant tenant, UUID petId, List<NamedFile> files) {
        List<String> ids = files(tenant, files).post("/v1/pets/" + petId + "/photos")
                .then().statusCode(200).extract().path("files.photoId");
        if (ids.size() != files.size() || ids.contains(null)) {
            throw new AssertionError("expected every file to be accepted, got photo ids " + ids);
        }
        return ids.stream().map(UUID::fromString).toList();
    }

    public static Response order(Tenant tenant, UUID petId, String idempotencyKey, String contentType,
                                 String config) {
        // As bytes: RestAssured has no encoder for YAML.
        return tenant.request().header("Idempotency-Key", idempotencyKey).contentType(contentType)
                .body(config.getBytes(StandardCharsets.UTF_8)).post("/v1/pets/" + petId + "/trainings");
    }
}
