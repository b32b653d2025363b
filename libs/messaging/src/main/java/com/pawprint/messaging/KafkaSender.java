package com.pawprint.messaging;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Sends records and waits until the broker has them. Dead letters and progress reports go through this plain
 * producer, created on first use from {@code kafka.bootstrap.servers}, rather than through a SmallRye channel: a
 * service then needs no channel configuration for them, and a caller knows the record is stored before it
 * acknowledges the record it is handling. It blocks, so call it from blocking code ({@code @Blocking},
 * {@code @Transactional} consumers, worker threads), never from the event loop.
 */
@ApplicationScoped
public class KafkaSender {

    private final Supplier<Producer<String, String>> producerFactory;
    private final Duration timeout;
    private Producer<String, String> producer;

    @Inject
    public KafkaSender(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       MessagingConfig config) {
        this(() -> new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "pawprint-messaging"),
                new StringSerializer(), new StringSerializer()), config.sendTimeout());
    }

    KafkaSender(Supplier<Producer<String, String>> producerFactory, Duration timeout) {
        this.producerFactory = producerFactory;
        this.timeout = timeout;
    }

    /**
     * @throws PublishException when the broker refuses the record or does not acknowledge it within the timeout
     */
    public RecordMetadata send(ProducerRecord<String, String> record) {
        try {
            return producer().send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while sending to " + record.topic(), e);
        } catch (ExecutionException e) {
            throw new PublishException("the broker refused a record for " + record.topic() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishException("no acknowledgement for a record to " + record.topic() + " within "
                    + timeout, e);
        } catch (KafkaException e) {
            throw new PublishException("could not send a record to " + record.topic() + ": " + e.getMessage(), e);
        }
    }

    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            producer = producerFactory.get();
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
