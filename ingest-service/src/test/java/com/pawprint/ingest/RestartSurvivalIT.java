package com.pawprint.ingest;

import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.PhotosIngested;
import com.pawprint.contracts.Topics;
import com.pawprint.localstack.LocalStackResource;
import com.pawprint.localstack.StackConfig;
import io.restassured.RestAssured;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged ingest-service as operators run it (production profile). It refuses to start without its secrets.
 * Kills the packaged ingest-service (SIGKILL, no shutdown hooks) while training orders stream in, starts it again,
 * and checks that every order it had accepted (answered 201) reaches photos.ingested, and that an order whose answer
 * was lost in the crash can be retried with its Idempotency-Key.
 *
 * <p>The first run parks the outbox relay (poll interval of an hour), as a broker outage would: at the kill every
 * accepted order exists only in the database. Only the second run can publish them.
 */
class RestartSurvivalIT {

    private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final int ACCEPTED_BEFORE_KILL = 8;
    private static final String JWT_SECRET = "pawprint.auth.jwt-secret";
    private static final String ADMIN_TOKEN = "pawprint.auth.admin-token";
    private static final String WEBHOOK_KEY = "pawprint.ingest.webhooks.secret-key";
    private static final Map<String, String> SECRETS = Map.of(ADMIN_TOKEN, Api.ADMIN_TOKEN,
            JWT_SECRET, "restart-test-jwt-secret-0123456789abcdef",
            WEBHOOK_KEY, "cmVzdGFydC10ZXN0LXdlYmhvb2stc2VhbGluZy1rZXk=");

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopApps() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void noAcceptedOrderIsLostWhenTheServiceDiesMidStream() throws Exception {
        Map<String, String> stack = LocalStackResource.current();
        int port = freePort();
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = port;

        Process first = start(stack, port, "1h", "first");
        Api.Tenant tenant = Api.newTenant("restart-test");
        UUID pet = Api.createPet(tenant, "Survivor", "dog");
        Api.uploadAccepted(tenant, pet, List.of(Samples.pet(701), Samples.pet(702)));

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Set<String> unanswered = ConcurrentHashMap.newKeySet();
        CountDownLatch enoughAccepted = new CountDownLatch(ACCEPTED_BEFORE_KILL);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<?>> streams = new ArrayList<>();
        for (int client = 0; client < 2; client++) {
            streams.add(clients.submit(() -> {
                while (true) {
                    String key = UUID.randomUUID().toString();
                    unanswered.add(key);
                    try {
                        String job = Api.order(tenant, pet, key, "application/json", "{\"epochs\": 2}").then()
                                .statusCode(201).extract().path("id");
                        unanswered.remove(key);
                        accepted.add(job);
                        enoughAccepted.countDown();
                    } catch (Exception connectionLost) {
                        return; // the service died under this request: its key stays unanswered
                    }
                }
            }));
        }
        assertThat(enoughAccepted.await(60, TimeUnit.SECONDS)).isTrue();
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        for (Future<?> stream : streams) {
            stream.get(30, TimeUnit.SECONDS);
        }
        clients.shutdown();

        start(stack, port, "0.2s", "second");
        Set<String> published = ConcurrentHashMap.newKeySet();
        try (KafkaConsumer<String, String> consumer = consumer(stack)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> published.add(
                        EventCodec.decode(record.value(), PhotosIngested.class).metadata().jobId().toString()));
                return published.containsAll(accepted);
            });
            // A client whose answer was lost retries with the same key and gets its order, published as well.
            Set<String> retried = ConcurrentHashMap.newKeySet();
            for (String key : unanswered) {
                retried.add(Api.order(tenant, pet, key, "application/json", "{\"epochs\": 2}").then()
                        .statusCode(201).extract().path("id"));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> published.add(
                        EventCodec.decode(record.value(), PhotosIngested.class).metadata().jobId().toString()));
                return published.containsAll(retried);
            });
        }
        List<String> jobs = tenant.request().get("/v1/pets/" + pet + "/jobs").then().statusCode(200)
                .extract().path("id");
        assertThat(jobs).containsAll(accepted).hasSize(accepted.size() + unanswered.size());
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(ACCEPTED_BEFORE_KILL);
    }

    /** The production profile has no fallback secrets: without one the service stops at once, naming it. */
    @Test
    void refusesToStartWithoutItsSecrets() throws Exception {
        Map<String, String> stack = LocalStackResource.current();
        for (String missing : SECRETS.keySet()) {
            Map<String, String> secrets = new HashMap<>(SECRETS);
            secrets.remove(missing);
            Path log = logOf("without-" + missing);
            Process process = launch(stack, freePort(), "1s", secrets, log);
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("ingest-service stops, see " + log).isTrue();
            assertThat(process.exitValue()).isNotZero();
            assertThat(Files.readString(log)).contains(missing);
        }
    }

    private Process start(Map<String, String> stack, int port, String relayInterval, String name)
            throws IOException {
        Path log = logOf(name);
        Process process = launch(stack, port, relayInterval, SECRETS, log);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(ConnectException.class)
                .until(() -> {
                    assertThat(process.isAlive()).as("ingest-service is running, see " + log).isTrue();
                    return given().get("/q/health/ready").statusCode() == 200;
                });
        return process;
    }

    private Process launch(Map<String, String> stack, int port, String relayInterval, Map<String, String> secrets,
                           Path log) throws IOException {
        assertThat(APP).as("the packaged application (mvn package)").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        stack.forEach((key, value) -> command.add("-D" + key + "=" + value));
        secrets.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of(
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.management.port=0",
                "-Dquarkus.management.host=127.0.0.1",
                "-Dpawprint.ingest.orders.min-accepted-photos=2",
                "-Dpawprint.messaging.outbox.poll-interval=" + relayInterval,
                "-Dquarkus.log.console.json.enabled=false",
                "-jar", APP.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Only the secrets given here count, not any the shell running the build exports.
        builder.environment().keySet().removeIf(name -> name.startsWith("PAWPRINT_AUTH_"));
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static Path logOf(String run) throws IOException {
        return Files.createDirectories(Path.of("target", "restart-it")).resolve(run + ".log");
    }

    private static KafkaConsumer<String, String> consumer(Map<String, String> stack) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.get(StackConfig.KAFKA_BOOTSTRAP_SERVERS),
                ConsumerConfig.GROUP_ID_CONFIG, "restart-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.PHOTOS_INGESTED));
        return consumer;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
