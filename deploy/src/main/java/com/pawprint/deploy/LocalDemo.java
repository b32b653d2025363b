package com.pawprint.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pawprint.samples.BadSamples;
import com.pawprint.samples.Species;
import com.pawprint.samples.SyntheticPet;
import com.pawprint.samples.SyntheticPets;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The story a storefront lives through, told against the running services: a tenant gets a key, creates a pet,
 * uploads its photos (and a few bad files, to show the verdicts), orders a LoRA training and follows the job.
 * It prints every step and the events the order put on the chain, from photos.ingested to merch.ready, and ends
 * with an on-demand render.
 */
public final class LocalDemo {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHOTOS_INGESTED = "photos.ingested";
    private static final String CAPTIONS_READY = "captions.ready";
    private static final String LORA_TRAINED = "lora.trained";
    private static final String RENDERS_DONE = "renders.done";
    private static final String MERCH_READY = "merch.ready";
    /** Queueing, the tiny model's bootstrap, latent caching and four steps on a busy laptop CPU. */
    private static final Duration TRAINING_PATIENCE = Duration.ofMinutes(3);
    private static final Duration EVENT_PATIENCE = Duration.ofSeconds(30);
    /** Six products' presets on the tiny model, then six products composed (the T-shirt's print is 3600 x 4800). */
    private static final Duration RENDER_PATIENCE = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final DemoSettings settings;
    private String bearer;

    private LocalDemo(DemoSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        DemoSettings settings = DemoSettings.fromArgs(args);
        new LocalDemo(settings).run();
    }

    private void run() throws Exception {
        String storeName = "demo-store-" + Instant.now().getEpochSecond();
        step("Admin creates the tenant '" + storeName + "' and issues it an API key");
        JsonNode tenant = call("POST", "/v1/admin/tenants", json(Map.of("name", storeName)), adminHeaders(), 201);
        String tenantId = tenant.path("id").asText();
        JsonNode key = call("POST", "/v1/admin/tenants/" + tenantId + "/keys", noBody(), adminHeaders(), 201);
        show("tenant", tenant);

        step("The storefront exchanges its API key for a short-lived token");
        JsonNode token = call("POST", "/v1/auth/token", json(Map.of("apiKey", key.path("key").asText())),
                Map.of(), 200);
        bearer = "Bearer " + token.path("accessToken").asText(token.path("access_token").asText());

        step("It creates the pet");
        JsonNode pet = call("POST", "/v1/pets",
                json(Map.of("name", "Mochi", "species", "cat", "breed", "british shorthair")), tenantHeaders(), 201);
        show("pet", pet);
        String petId = pet.path("id").asText();

        step("It uploads " + settings.photoCount() + " photos of the pet, plus three files the quality gate refuses");
        List<Part> parts = new ArrayList<>();
        List<SyntheticPet> photos = SyntheticPets.dataset(Species.CAT, settings.photoCount(), 42L);
        for (int i = 0; i < photos.size(); i++) {
            parts.add(new Part("mochi-" + i + ".jpg", "image/jpeg", SyntheticPets.jpeg(photos.get(i).image())));
        }
        parts.add(new Part("blurry.jpg", "image/jpeg",
                SyntheticPets.jpeg(BadSamples.blurred(photos.get(0).image(), 12))));
        parts.add(new Part("notes.txt", "text/plain", BadSamples.notAnImage()));
        parts.add(new Part("bomb.png", "image/png", BadSamples.pngBomb(30000, 30000)));
        JsonNode upload = upload("/v1/pets/" + petId + "/photos", parts);
        System.out.printf("  accepted %d, rejected %d%n", upload.path("accepted").asInt(), upload.path("rejected").asInt());
        for (JsonNode verdict : upload.path("files")) {
            if (!verdict.path("accepted").asBoolean()) {
                System.out.printf("  rejected %-12s %s%n", verdict.path("fileName").asText(verdict.path("name").asText()),
                        verdict.path("message").asText(verdict.path("reason").asText()));
            }
        }

        step("It orders a LoRA training with a lora-scripts style config");
        // The local run trains on the generated tiny model (tiny-sd) for a few steps at 256 px, so the story reaches
        // a trained LoRA in seconds on a laptop CPU; a deployment names a real SD 1.5 model and trains for real.
        String config = """
                base_model: tiny-sd
                output_name: mochi
                lora_rank: 8
                lora_alpha: 4
                batch_size: 2
                max_train_steps: 4
                learning_rate: 0.0001
                resolution: 256
                save_steps: 2
                train_text_encoder: false
                review: auto
                """;
        Map<String, String> orderHeaders = new java.util.HashMap<>(tenantHeaders());
        orderHeaders.put("Content-Type", "application/yaml");
        orderHeaders.put("Idempotency-Key", UUID.randomUUID().toString());
        JsonNode job = call("POST", "/v1/pets/" + petId + "/trainings",
                HttpRequest.BodyPublishers.ofString(config), orderHeaders, 201);
        show("job", job);

        step("The order went onto the chain as photos.ingested");
        showEvent(PHOTOS_INGESTED, job.path("id").asText());

        step("labeling-service captioned the photos (review: auto) and handed them on as captions.ready");
        showEvent(CAPTIONS_READY, job.path("id").asText());

        step("trainer-service trained the LoRA (progress went to the job as TRAINING) and published lora.trained");
        showEvent(LORA_TRAINED, job.path("id").asText(), TRAINING_PATIENCE);

        step("render-service rendered each product's style presets with the pet's LoRA (RENDERING progress) and "
                + "published renders.done");
        showEvent(RENDERS_DONE, job.path("id").asText(), RENDER_PATIENCE);

        step("merch-service composed every product from the render made for it and published merch.ready");
        showEvent(MERCH_READY, job.path("id").asText(), RENDER_PATIENCE);

        step("The storefront asks render-service for one more design on demand, as a WebUI user would write it");
        JsonNode task = call(settings.renderUrl(), "POST", "/v1/pets/" + petId + "/renders",
                json(Map.of("prompt", "a cute cartoon version of {trigger} {class} wearing sunglasses, "
                        + "lying on a beach chair, sunny day", "negativePrompt", "blurry, deformed paws, extra legs",
                        "strength", 0.7, "seed", 42, "steps", 4, "width", 128, "height", 128)),
                tenantHeaders(), 202);
        show("render task", awaitRender(task.path("id").asText()));

        step("Job status now");
        show("job", call("GET", "/v1/jobs/" + job.path("id").asText(), noBody(), tenantHeaders(), 200));
        System.out.println();
        System.out.println("The whole chain ran: photos -> captions -> LoRA -> renders -> merch. Swagger UI is on "
                + "each service's management port (9081-9085), e.g. http://localhost:9081/q/swagger-ui");
    }

    private JsonNode awaitRender(String taskId) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(RENDER_PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            JsonNode view = call(settings.renderUrl(), "GET", "/v1/renders/" + taskId, noBody(), tenantHeaders(),
                    200);
            String status = view.path("status").asText();
            if (status.equals("succeeded") || status.equals("failed") || status.equals("canceled")) {
                return view;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("render " + taskId + " did not finish within "
                + RENDER_PATIENCE.toSeconds() + " s");
    }

    private void showEvent(String topic, String jobId) {
        showEvent(topic, jobId, EVENT_PATIENCE);
    }

    private void showEvent(String topic, String jobId, Duration patience) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "local-demo-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(patience);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().contains(jobId)) {
                        System.out.println("  key " + record.key() + ", headers:");
                        record.headers().forEach(h -> System.out.println("    " + h.key() + ": "
                                + new String(h.value(), StandardCharsets.UTF_8)));
                        System.out.println(indent(pretty(record.value())));
                        return;
                    }
                }
            }
            throw new IllegalStateException(topic + " for job " + jobId + " did not arrive within "
                    + patience.toSeconds() + " s");
        }
    }

    private JsonNode upload(String path, List<Part> parts) throws IOException, InterruptedException {
        String boundary = "pawprint-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                    + part.fileName() + "\"\r\nContent-Type: " + part.contentType() + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(part.bytes());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new java.util.HashMap<>(tenantHeaders());
        headers.put("Content-Type", "multipart/form-data; boundary=" + boundary);
        return call("POST", path, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()), headers, 200);
    }

    private JsonNode call(String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers,
                          int expectedStatus) throws IOException, InterruptedException {
        return call(settings.ingestUrl(), method, path, body, headers, expectedStatus);
    }

    private JsonNode call(String baseUrl, String method, String path, HttpRequest.BodyPublisher body,
                          Map<String, String> headers, int expectedStatus) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body);
        if (!headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode()
                    + " (expected " + expectedStatus + "): " + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private Map<String, String> adminHeaders() {
        return Map.of("Authorization", "Bearer " + settings.adminToken());
    }

    private Map<String, String> tenantHeaders() {
        return Map.of("Authorization", bearer);
    }

    private static HttpRequest.BodyPublisher json(Object value) throws IOException {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
    }

    private static HttpRequest.BodyPublisher noBody() {
        return HttpRequest.BodyPublishers.noBody();
    }

    private static void step(String text) {
        System.out.println();
        System.out.println("== " + text);
    }

    private static void show(String label, JsonNode node) {
        System.out.println("  " + label + ": " + node.toString());
    }

    private static String pretty(String json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (IOException e) {
            return json;
        }
    }

    private static String indent(String text) {
        return text.lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private record Part(String fileName, String contentType, byte[] bytes) {
    }
}
