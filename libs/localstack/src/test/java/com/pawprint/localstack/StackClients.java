package com.pawprint.localstack;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The stack's servers reached with the clients the services use. */
final class StackClients {

    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(60);
    /** Held so the level sticks: the Kafka clients' INFO lines would drown the test output. */
    private static final java.util.logging.Logger KAFKA_CLIENT_LOG = quiet("org.apache.kafka");

    private final StackConfig config;

    StackClients(Map<String, String> config) {
        this.config = StackConfig.fromMap(config);
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    void produce(String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** The first record of the topic, read by a fresh consumer group from the earliest offset. */
    ConsumerRecord<String, String> consumeFirst(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "localstack-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(CONSUME_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    return record;
                }
            }
        }
        return fail("no record on " + topic + " within " + CONSUME_TIMEOUT);
    }

    MinioClient s3() {
        return MinioClient.builder()
                .endpoint(config.storageEndpoint())
                .credentials(config.storageAccessKey(), config.storageSecretKey())
                .region(config.storageRegion())
                .build();
    }

    void putObject(String bucket, String key, byte[] content) throws Exception {
        MinioClient s3 = s3();
        if (!s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            s3.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
        s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(content), (long) content.length, null).build());
    }

    byte[] getObject(String bucket, String key) throws Exception {
        try (InputStream in = s3().getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        }
    }

    Connection database() throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl(), config.databaseUsername(), config.databasePassword());
    }
}
