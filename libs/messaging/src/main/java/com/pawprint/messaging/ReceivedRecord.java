package com.pawprint.messaging;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Map;
import java.util.Objects;

/** A record as a consumer read it: where it came from, its key, its value as text and its headers as text. */
public record ReceivedRecord(
        String topic,
        int partition,
        long offset,
        String key,
        String payload,
        Map<String, String> headers) {

    public ReceivedRecord {
        Objects.requireNonNull(topic, "topic is required");
        headers = headers == null ? Map.of() : headers;
    }

    public static ReceivedRecord of(ConsumerRecord<String, String> record) {
        return new ReceivedRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                KafkaHeaderMaps.toMap(record.headers()));
    }

    /**
     * @throws IllegalArgumentException when the message did not come from a Kafka channel
     */
    @SuppressWarnings("unchecked")
    public static ReceivedRecord of(Message<String> message) {
        IncomingKafkaRecordMetadata<String, String> metadata = message
                .getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalArgumentException("the message did not come from Kafka"));
        return new ReceivedRecord(metadata.getTopic(), metadata.getPartition(), metadata.getOffset(),
                metadata.getKey(), message.getPayload(), KafkaHeaderMaps.toMap(metadata.getHeaders()));
    }
}
