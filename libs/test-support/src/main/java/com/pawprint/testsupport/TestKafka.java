package com.pawprint.testsupport;

import com.pawprint.contracts.CloudEventHeaders;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.JobProgress;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.MalformedEventException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * A plain Kafka client on the test's side of the broker: reads what the service under test published, sends what
 * the neighbouring stages would. The broker is the running test's {@code kafka.bootstrap.servers}.
 */
public final class TestKafka implements AutoCloseable {

    /** The {@code ce_source} of the events tests publish. */
    public static final URI TEST_SOURCE = CloudEventHeaders.serviceSource("pawprint-test");

    private static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(60);

    private final KafkaConsumer<String, String> consumer;
    private final Duration patience;
    private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

    private TestKafka(Duration patience, List<String> topics) {
        this.patience = patience;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "pawprint-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(topics);
    }

    /** Reads the topics from their beginning; a wait for records gives up after a minute. */
    public static TestKafka reading(String... topics) {
        return reading(DEFAULT_PATIENCE, topics);
    }

    /** Reads the topics from their beginning; a wait for records gives up after {@code patience}. */
    public static TestKafka reading(Duration patience, String... topics) {
        return new TestKafka(patience, List.of(topics));
    }

    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Polls until the records read so far satisfy {@code done}; returns all of them. */
    public List<ConsumerRecord<String, String>> awaitRecords(Predicate<List<ConsumerRecord<String, String>>> done) {
        await().atMost(patience).pollInterval(Duration.ofMillis(50)).until(() -> {
            poll();
            return done.test(received);
        });
        return List.copyOf(received);
    }

    /** Polls until the records of {@code topic} keyed by {@code petId} satisfy {@code done}; returns those. */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, UUID petId,
                                                             Predicate<List<ConsumerRecord<String, String>>> done) {
        await().atMost(patience).pollInterval(Duration.ofMillis(50)).until(() -> done.test(of(topic, petId)));
        return of(topic, petId);
    }

    /** What has been read of {@code topic} for the pet, after one more poll. */
    public List<ConsumerRecord<String, String>> of(String topic, UUID petId) {
        poll();
        return received.stream().filter(record -> record.topic().equals(topic))
                .filter(record -> petId.toString().equals(record.key())).toList();
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
    }

    /** Records of {@code topic} whose value mentions {@code text} (a job id, a reason). */
    public static List<ConsumerRecord<String, String>> matching(List<ConsumerRecord<String, String>> records,
                                                                String topic, String text) {
        return records.stream().filter(record -> record.topic().equals(topic) && record.value().contains(text))
                .toList();
    }

    /**
     * Whether the record is a jobs.progress report of {@code status} for the job. jobs.progress also carries the
     * unreadable records other tests send on purpose, so those are simply not it.
     */
    public static boolean isProgress(ConsumerRecord<String, String> record, UUID jobId, JobStatus status) {
        try {
            JobProgress progress = EventCodec.decode(record.value(), JobProgress.class);
            return progress.metadata().jobId().equals(jobId) && progress.status() == status;
        } catch (MalformedEventException unreadable) {
            return false;
        }
    }

    public static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        record.headers().forEach(header -> headers.put(header.key(),
                new String(header.value(), StandardCharsets.UTF_8)));
        return headers;
    }

    /** Publishes an event the way a stage does: JSON value, CloudEvents headers, pet id as key. */
    public static void publish(PawEvent event) {
        send(event.topic(), CloudEventHeaders.recordKey(event), EventCodec.encode(event),
                CloudEventHeaders.of(event, TEST_SOURCE));
    }

    public static void send(String topic, String key, String value, Map<String, String> headers) {
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

    @Override
    public void close() {
        consumer.close();
    }
}
