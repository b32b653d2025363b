package com.pawprint.messaging;

import com.pawprint.contracts.CloudEventHeaders;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.PhotosIngested;
import com.pawprint.contracts.Topics;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutgoingEventsTest {

    private final OutgoingEvents outgoing = new OutgoingEvents("ingest-service");
    private final PhotosIngested event = Fixtures.photosIngested();

    @Test
    void aMessageCarriesKeyTopicAndCloudEventsHeaders() {
        Message<String> message = outgoing.message(event);
        @SuppressWarnings("unchecked")
        OutgoingKafkaRecordMetadata<String> metadata = message.getMetadata(OutgoingKafkaRecordMetadata.class)
                .orElseThrow();
        assertEquals(Topics.PHOTOS_INGESTED, metadata.getTopic());
        assertEquals(Fixtures.PET.toString(), metadata.getKey());
        assertEquals(CloudEventHeaders.of(event, outgoing.source()), KafkaHeaderMaps.toMap(metadata.getHeaders()));
        assertEquals("urn:pawprint:ingest-service", KafkaHeaderMaps.toMap(metadata.getHeaders()).get("ce_source"));
        assertEquals(event, EventCodec.decode(message.getPayload()));
    }

    @Test
    void aProducerRecordIsReadBackAsTheSameEvent() {
        ProducerRecord<String, String> record = outgoing.record(event);
        assertEquals(Topics.PHOTOS_INGESTED, record.topic());
        assertEquals(Fixtures.PET.toString(), record.key());
        Map<String, String> headers = KafkaHeaderMaps.toMap(record.headers());
        assertEquals(event, EventCodec.read(record.value(), headers, PhotosIngested.class));
    }
}
