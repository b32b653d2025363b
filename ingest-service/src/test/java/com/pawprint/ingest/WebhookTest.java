package com.pawprint.ingest;

import com.pawprint.localstack.LocalStackResource;
import com.sun.net.httpserver.HttpServer;
import com.pawprint.ingest.storage.WebhookEndpoint;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(LocalStackResource.class)
class WebhookTest {

    /** One request as the receiver saw it. */
    record Received(String path, String id, String timestamp, String signature, String body) {
    }

    private Api.Tenant tenant;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger(1);
    private HttpServer receiver;

    /** A receiver that fails its first request with a 503, then accepts; /moved answers with a redirect. */
    @BeforeEach
    void startReceiver() throws IOException {
        // A tenant per test: webhooks fire for every job of their tenant.
        tenant = Api.newTenant("webhook-test");
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    new String(body, StandardCharsets.UTF_8)));
            if (exchange.getRequestURI().getPath().equals("/moved")) {
                exchange.getResponseHeaders().add("Location", receiverUrl("/hooks"));
                exchange.sendResponseHeaders(307, -1);
            } else {
                exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 503 : 204, -1);
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void deliversSignedStatusChangesAndRetriesWithTheSameId() throws Exception {
        String secret = registerWebhook(receiverUrl("/hooks"));
        String webhookId = tenant.request().get("/v1/webhooks").then().extract().path("find { it.url == '"
                + receiverUrl("/hooks") + "' }.id");
        UUID pet = Api.createPet(tenant, "Hooked", "dog");
        Api.uploadAccepted(tenant, pet, List.of(Samples.pet(301), Samples.pet(302)));
        String jobId = Api.order(tenant, pet, UUID.randomUUID().toString(), "application/json", "{}").then()
                .statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= 2);
        Received first = received.get(0);
        Received retry = received.get(1);
        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(retry.body()).isEqualTo(first.body());
        for (Received attempt : List.of(first, retry)) {
            assertThat(attempt.signature()).isEqualTo(expectedSignature(secret, attempt));
            assertThat(Long.parseLong(attempt.timestamp()))
                    .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        }
        JsonPath payload = JsonPath.from(first.body());
        assertThat(payload.getString("type")).isEqualTo("job.status_changed");
        assertThat(payload.getString("data.id")).isEqualTo(jobId);
        assertThat(payload.getString("data.status")).isEqualTo("RECEIVED");

        tenant.request().get("/v1/webhooks/" + webhookId + "/deliveries").then().statusCode(200)
                .body("[0].id", equalTo(first.id()))
                .body("[0].state", equalTo("DELIVERED"))
                .body("[0].attempts", equalTo(2))
                .body("[0].jobId", equalTo(jobId));
    }

    @Test
    void doesNotFollowRedirects() {
        failuresLeft.set(0);
        registerWebhook(receiverUrl("/moved"));
        UUID pet = Api.createPet(tenant, "Redirected", "cat");
        Api.uploadAccepted(tenant, pet, List.of(Samples.pet(311), Samples.pet(312)));
        Api.order(tenant, pet, UUID.randomUUID().toString(), "application/json", "{}").then().statusCode(201);

        await().atMost(Duration.ofSeconds(60)).until(() -> received.stream().anyMatch(r -> r.path().equals("/moved")));
        String webhookId = tenant.request().get("/v1/webhooks").then().extract().path("find { it.url == '"
                + receiverUrl("/moved") + "' }.id");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                tenant.request().get("/v1/webhooks/" + webhookId + "/deliveries").then()
                        .body("[0].lastStatusCode", equalTo(307))
                        .body("[0].state", equalTo("PENDING")));
        assertThat(received).noneMatch(r -> r.path().equals("/hooks"));
    }

    @Test
    void endpointsAreListedWithoutTheirSecretAndCanBeDeleted() {
        tenant.request().contentType(ContentType.JSON).body("{\"url\":\"ftp://example.com/x\"}")
                .post("/v1/webhooks").then().statusCode(422).contentType("application/problem+json");
        JsonPath created = tenant.request().contentType(ContentType.JSON)
                .body("{\"url\":\"https://example.com/hooks\",\"description\":\"shop\"}")
                .post("/v1/webhooks").then().statusCode(201)
                .body("secret", startsWith("whsec_"))
                .extract().jsonPath();
        String id = created.getString("id");
        // What the database holds is sealed: neither the secret nor its key material appears in the row.
        String stored = QuarkusTransaction.requiringNew().call(() -> (String) WebhookEndpoint.getEntityManager()
                .createNativeQuery("select sealed_secret from {h-schema}webhook_endpoints "
                        + "where id = cast(:id as uuid)")
                .setParameter("id", id).getSingleResult());
        String keyMaterial = created.getString("secret").substring("whsec_".length());
        assertThat(stored).startsWith("v1.").doesNotContain(keyMaterial).doesNotContain("whsec_");
        tenant.request().get("/v1/webhooks/" + id).then().statusCode(200)
                .body("url", equalTo("https://example.com/hooks"))
                .body("secret", nullValue());
        tenant.request().get("/v1/webhooks").then().body("id", hasItem(id)).body("secret", not(hasItem(notNullValue())));
        tenant.request().delete("/v1/webhooks/" + id).then().statusCode(204);
        tenant.request().get("/v1/webhooks/" + id).then().statusCode(404);
    }

    private String registerWebhook(String url) {
        return tenant.request().contentType(ContentType.JSON).body("{\"url\":\"" + url + "\"}")
                .post("/v1/webhooks").then().statusCode(201).extract().path("secret");
    }

    private String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    /** Standard Webhooks, computed here independently of the service's signer. */
    private static String expectedSignature(String secret, Received attempt) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = attempt.id() + "." + attempt.timestamp() + "." + attempt.body();
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
