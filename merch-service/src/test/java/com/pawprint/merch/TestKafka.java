package com.pawprint.merch;

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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A plain Kafka client on the test's side of the broker: sends what render-service would, reads what merch sends. */
final class TestKafka implements AutoCloseable {

    /** Composing a job on a shared two-core machine takes a while. */
    static final Duration PATIENCE = Duration.ofMinutes(4);

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

    private TestKafka(List<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "merch-test-" + UUID.randomUUID(),
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

    /** Polls until the records read so far satisfy {@code done}; returns all of them. */
    List<ConsumerRecord<String, String>> awaitRecords(Predicate<List<ConsumerRecord<String, String>>> done) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return done.test(received);
        });
        return List.copyOf(received);
    }

    /** Records of {@code topic} whose value mentions {@code text} (a job id, a reason). */
    static List<ConsumerRecord<String, String>> matching(List<ConsumerRecord<String, String>> records, String topic,
                                                         String text) {
        return records.stream().filter(record -> record.topic().equals(topic) && record.value().contains(text))
                .toList();
    }

    /** Publishes an event the way a stage does: JSON value, CloudEvents headers, pet id as key. */
    static void publish(PawEvent event) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(),
                    CloudEventHeaders.recordKey(event), EventCodec.encode(event));
            CloudEventHeaders.of(event, CloudEventHeaders.serviceSource("render-test")).forEach((name, value) ->
                    record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send a test record to " + event.topic(), e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
