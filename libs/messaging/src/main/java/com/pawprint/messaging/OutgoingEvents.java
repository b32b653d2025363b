package com.pawprint.messaging;

import com.pawprint.contracts.CloudEventHeaders;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.PawEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.net.URI;

/**
 * Turns events into Kafka records the PawPrint way: JSON value, pet id as key, CloudEvents headers with this service
 * ({@code quarkus.application.name}) as {@code ce_source}, and the event's own topic.
 *
 * <p>With a SmallRye channel: {@code emitter.send(outgoingEvents.message(event))}. The topic travels in the
 * message's metadata, so it overrides the channel's configured topic.
 */
@ApplicationScoped
public class OutgoingEvents {

    private final URI source;

    public OutgoingEvents(@ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.source = CloudEventHeaders.serviceSource(serviceName);
    }

    /** The {@code ce_source} of this service's events. */
    public URI source() {
        return source;
    }

    public Message<String> message(PawEvent event) {
        return message(event, source);
    }

    public ProducerRecord<String, String> record(PawEvent event) {
        return record(event, source);
    }

    public static Message<String> message(PawEvent event, URI source) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic())
                .withKey(CloudEventHeaders.recordKey(event))
                .withHeaders(KafkaHeaderMaps.toRecordHeaders(CloudEventHeaders.of(event, source)))
                .build();
        return Message.of(EventCodec.encode(event)).addMetadata(metadata);
    }

    public static ProducerRecord<String, String> record(PawEvent event, URI source) {
        return new ProducerRecord<>(event.topic(), null, CloudEventHeaders.recordKey(event),
                EventCodec.encode(event), KafkaHeaderMaps.toHeaders(CloudEventHeaders.of(event, source)));
    }
}
