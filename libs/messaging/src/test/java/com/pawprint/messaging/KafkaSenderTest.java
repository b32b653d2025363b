package com.pawprint.messaging;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaSenderTest {

    private final ProducerRecord<String, String> record = new ProducerRecord<>("jobs.progress", "pet", "{}");

    @Test
    void theProducerIsCreatedOnFirstUseAndClosedOnShutdown() {
        MockProducer<String, String> producer = Fixtures.autoCompletingProducer();
        AtomicInteger created = new AtomicInteger();
        KafkaSender sender = new KafkaSender(() -> {
            created.incrementAndGet();
            return producer;
        }, Duration.ofSeconds(5));
        assertEquals(0, created.get());
        sender.send(record);
        sender.send(record);
        assertEquals(1, created.get());
        assertEquals(2, producer.history().size());
        sender.close();
        assertTrue(producer.closed());
    }

    @Test
    void aRefusedRecordIsReported() {
        MockProducer<String, String> producer = new MockProducer<>(false, null, new StringSerializer(),
                new StringSerializer());
        KafkaSender sender = new KafkaSender(() -> producer, Duration.ofSeconds(5));
        Thread broker = new Thread(() -> {
            while (!producer.errorNext(new IllegalStateException("not leader"))) {
                Thread.onSpinWait();
            }
        });
        broker.start();
        PublishException e = assertThrows(PublishException.class, () -> sender.send(record));
        assertEquals("the broker refused a record for jobs.progress: not leader", e.getMessage());
    }

    @Test
    void anUnacknowledgedRecordTimesOut() {
        MockProducer<String, String> producer = new MockProducer<>(false, null, new StringSerializer(),
                new StringSerializer());
        KafkaSender sender = new KafkaSender(() -> producer, Duration.ofMillis(50));
        PublishException e = assertThrows(PublishException.class, () -> sender.send(record));
        assertEquals("no acknowledgement for a record to jobs.progress within PT0.05S", e.getMessage());
    }
}
