package com.pawprint.tenancy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pawprint.web.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthenticationFilterTest {

    static final byte[] SECRET = "test-secret-of-at-least-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8);
    static final Duration MAX_LIFETIME = Duration.ofHours(1);

    private static String tokenFor(String tenant) {
        return given().post("/v1/auth/token/" + tenant).then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .extract().path("access_token");
    }

    private static ValidatableResponse assertUnauthorized(ValidatableResponse response) {
        return response.statusCode(401)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .header("WWW-Authenticate", startsWith("Bearer realm=\"pawprint\""))
                .body("type", equalTo(Problem.TYPE_BASE + "unauthorized"));
    }

    @Test
    void ownResourceWithValidTokenPassesAndTenantIsInMdc() {
        given().auth().oauth2(tokenFor("tenant-a")).get("/v1/things/thing-of-a")
                .then().statusCode(200)
                .body("owner", equalTo("tenant-a"))
                .body("mdcTenant", equalTo("tenant-a"));
    }

    @Test
    void anotherTenantsResourceLooksMissing() {
        String token = tokenFor("tenant-a");
        String otherTenants = given().auth().oauth2(token).get("/v1/things/thing-of-b")
                .then().statusCode(404).contentType(startsWith(Problem.MEDIA_TYPE))
                .body("detail", equalTo("thing thing-of-b not found")).extract().asString();
        String missing = given().auth().oauth2(token).get("/v1/things/thing-of-b-nope")
                .then().statusCode(404).extract().asString();
        assertEquals(
                otherTenants.replace("thing-of-b", "X"), missing.replace("thing-of-b-nope", "X"));
    }

    @Test
    void missingTokenIs401() {
        assertUnauthorized(given().get("/v1/things/thing-of-a").then())
                .body("detail", equalTo("Bearer token required"));
    }

    @Test
    void badSignatureIs401() {
        String forged = new JwtCodec("an-attackers-secret-of-32-bytes!!".getBytes(StandardCharsets.UTF_8),
                "pawprint", "pawprint-api", MAX_LIFETIME, Clock.systemUTC()).sign("tenant-a", UUID.randomUUID(), Duration.ofMinutes(5));
        assertUnauthorized(given().auth().oauth2(forged).get("/v1/things/thing-of-a").then())
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("detail", containsString("bad token signature"));
    }

    @Test
    void expiredTokenIs401() {
        String expired = new JwtCodec(SECRET, "pawprint", "pawprint-api", MAX_LIFETIME,
                Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC))
                .sign("tenant-a", UUID.randomUUID(), Duration.ofMinutes(15));
        assertUnauthorized(given().auth().oauth2(expired).get("/v1/things/thing-of-a").then())
                .body("detail", containsString("token expired"));
    }

    @Test
    void adminEndpointTakesOnlyTheAdminCredential() {
        given().auth().oauth2("test-admin-token").get("/v1/admin/tenants").then().statusCode(200);
        assertUnauthorized(given().get("/v1/admin/tenants").then());
        assertUnauthorized(given().auth().oauth2("wrong-admin-token").get("/v1/admin/tenants").then());
        assertUnauthorized(given().auth().oauth2(tokenFor("tenant-a")).get("/v1/admin/tenants").then());
    }

    @Test
    void endpointsOutsideTheApiNeedNoToken() {
        given().get("/status").then().statusCode(200).body("up", equalTo(true));
    }
}
