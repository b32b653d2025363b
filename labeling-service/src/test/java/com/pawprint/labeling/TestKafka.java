package com.pawprint.labeling;

import com.pawprint.contracts.CloudEventHeaders;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.PawEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A plain Kafka client on the test's side: publishes what ingest-service would, reads what this service sends. */
final class TestKafka implements AutoCloseable {

    static final URI TEST_SOURCE = CloudEventHeaders.serviceSource("labeling-test");

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

    private TestKafka(List<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "labeling-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(topics);
    }

    /** Reads the topics from their beginning. */
    static TestKafka reading(String... topics) {
        return new TestKafka(List.of(topics));
    }

    static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Polls until the records of {@code topic} keyed by {@code petId} satisfy {@code done}; returns those. */
    List<ConsumerRecord<String, String>> awaitRecords(String topic, UUID petId,
                                               Predicate<List<ConsumerRecord<String, String>>> done) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return done.test(of(topic, petId));
        });
        return of(topic, petId);
    }

    /** What has been read so far of {@code topic} for the pet, without polling. */
    List<ConsumerRecord<String, String>> of(String topic, UUID petId) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        return received.stream().filter(record -> record.topic().equals(topic))
                .filter(record -> petId.toString().equals(record.key())).toList();
    }

    /** Publishes an event the way a stage does: JSON value, CloudEvents headers, pet id as key. */
    static void publish(PawEvent event) {
        send(event.topic(), CloudEventHeaders.recordKey(event), EventCodec.encode(event),
                CloudEventHeaders.of(event, TEST_SOURCE));
    }

    static void send(String topic, String key, String value, Map<String, String> headers) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, headerValue) ->
                    record.headers().add(new RecordHeader(name, headerValue.getBytes(StandardCharsets.UTF_8))));
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send a test record to " + topic, e);
        }
    }

    static Map<String, String> headersOf(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        record.headers().forEach(header -> headers.put(header.key(),
                new String(header.value(), StandardCharsets.UTF_8)));
        return headers;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
