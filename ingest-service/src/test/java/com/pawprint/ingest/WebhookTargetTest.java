package com.pawprint.ingest;

import com.pawprint.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Webhooks may only call public https targets, checked at registration and again at every delivery. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class WebhookTargetTest {

    @Test
    void targetsOutsideThePublicInternetAreRefusedAtRegistration() {
        Api.Tenant tenant = Api.newTenant("webhook-target-test");
        ScriptedResolver.answer("localhost", "127.0.0.1");
        ScriptedResolver.answer("metadata.example.net", "169.254.169.254");
        ScriptedResolver.answer("intranet.example.net", "10.1.2.3");
        ScriptedResolver.answer("v6.example.net", "fd00::1");
        ScriptedResolver.answer("group.example.net", "224.0.0.251");
        for (String target : List.of("http://example.com/hooks", "https://localhost/hooks", "https://127.0.0.2/",
                "https://[::1]:8443/", "https://169.254.169.254/latest/meta-data/",
                "https://metadata.example.net/", "https://intranet.example.net/", "https://v6.example.net/",
                "https://group.example.net/", "https://[::ffff:192.168.1.1]/", "https://0.0.0.0/",
                "https://nowhere.example.net/")) {
            tenant.request().contentType(ContentType.JSON).body("{\"url\":\"" + target + "\"}")
                    .post("/v1/webhooks").then().statusCode(422).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url"));
        }
        tenant.request().get("/v1/webhooks").then().body("$", hasSize(0));
    }

    @Test
    void aTargetWhoseNameTurnsPrivateIsRefusedAtDeliveryWithoutContactingIt() {
        Api.Tenant tenant = Api.newTenant("webhook-rebind-test");
        ScriptedResolver.answer("rebind.example.net", "93.184.215.14");
        String webhookId = tenant.request().contentType(ContentType.JSON)
                .body("{\"url\":\"https://rebind.example.net/hooks\"}")
                .post("/v1/webhooks").then().statusCode(201).extract().path("id");
        ScriptedResolver.answer("rebind.example.net", "127.0.0.1");

        UUID pet = Api.createPet(tenant, "Rebound", "dog");
        Api.uploadAccepted(tenant, pet, List.of(Samples.pet(901), Samples.pet(902)));
        Api.order(tenant, pet, UUID.randomUUID().toString(), "application/json", "{}").then().statusCode(201);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                tenant.request().get("/v1/webhooks/" + webhookId + "/deliveries").then()
                        .body("[0].attempts", greaterThanOrEqualTo(1))
                        .body("[0].lastError", startsWith("target refused: "))
                        .body("[0].lastError", containsString("127.0.0.1, a loopback address"))
                        .body("[0].lastStatusCode", nullValue()));
    }
}
