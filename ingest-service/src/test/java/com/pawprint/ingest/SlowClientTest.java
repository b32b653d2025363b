package com.pawprint.ingest;

import com.pawprint.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

/** One tenant's stalled uploads neither starve other tenants nor hold the service past their deadline. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class SlowClientTest {

    /** With the test's 2 s grace and 64 KiB/s minimum rate, a body of this size is due within about 6.6 s. */
    private static final int DECLARED_LENGTH = 300_000;

    @Test
    void stalledUploadsAreBoundedPerTenantAndAnswered408AtTheirDeadline() throws Exception {
        Api.Tenant greedy = Api.newTenant("greedy-uploader");
        Api.Tenant polite = Api.newTenant("polite-uploader");
        UUID greedyPet = Api.createPet(greedy, "Greedy", "dog");
        UUID politePet = Api.createPet(polite, "Polite", "cat");
        int perTenant = ConfigProvider.getConfig()
                .getValue("pawprint.ingest.upload.max-concurrent-per-tenant", Integer.class);
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int upload = 0; upload < perTenant; upload++) {
                stalled.add(stalledUpload(greedy, greedyPet));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> uploadsInFlight() >= perTenant);

            Api.files(greedy, List.of(Samples.pet(71))).post("/v1/pets/" + greedyPet + "/photos").then()
                    .statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue());
            long started = System.nanoTime();
            polite.request().get("/v1/pets").then().statusCode(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            Api.uploadAccepted(polite, politePet, List.of(Samples.pet(72)));

            for (Socket socket : stalled) {
                socket.setSoTimeout(30_000);
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> uploadsInFlight() == 0);
            Api.uploadAccepted(greedy, greedyPet, List.of(Samples.pet(73)));
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    /** The headers and the start of a multipart body, then silence. */
    private static Socket stalledUpload(Api.Tenant tenant, UUID pet) throws IOException {
        URI base = URI.create(Api.baseUri());
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/pets/" + pet + "/photos HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                + "Authorization: Bearer " + tenant.token() + "\r\n"
                + "Content-Type: multipart/form-data; boundary=xyz\r\n"
                + "Content-Length: " + DECLARED_LENGTH + "\r\n\r\n--xyz\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static int uploadsInFlight() {
        return given().get("/q/health/ready").then().extract()
                .path("checks.find { it.name == 'uploads' }.data.inFlight");
    }
}
