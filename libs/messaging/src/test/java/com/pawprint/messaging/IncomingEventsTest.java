package com.pawprint.messaging;

import com.pawprint.contracts.DeadLetter;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.PhotosIngested;
import com.pawprint.contracts.Stage;
import com.pawprint.contracts.Topics;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncomingEventsTest {

    private final MockProducer<String, String> producer = Fixtures.autoCompletingProducer();
    private final IncomingEvents incoming = new IncomingEvents(
            new DeadLetters(Fixtures.sender(producer), "labeling-service", Fixtures.CLOCK));
    private final PhotosIngested event = Fixtures.photosIngested();
    private final ProducerRecord<String, String> sent = OutgoingEvents.record(event,
            new OutgoingEvents("ingest-service").source());

    @Test
    void aWellFormedRecordIsRead() {
        assertEquals(Optional.of(event), incoming.read(ReceivedRecord.of(consumed(sent.value(), sent)),
                PhotosIngested.class, Stage.LABELING));
        assertEquals(List.of(), producer.history());
    }

    @Test
    void aMessageFromAKafkaChannelIsRead() {
        Message<String> message = Message.of(sent.value())
                .addMetadata(new IncomingKafkaRecordMetadata<>(consumed(sent.value(), sent), "photos-ingested"));
        ReceivedRecord record = ReceivedRecord.of(message);
        assertEquals(new ReceivedRecord(Topics.PHOTOS_INGESTED, 3, 42L, sent.key(), sent.value(),
                KafkaHeaderMaps.toMap(sent.headers())), record);
        assertEquals(Optional.of(event), incoming.read(record, PhotosIngested.class, Stage.LABELING));
    }

    @Test
    void aMessageFromElsewhereIsNotAReceivedRecord() {
        assertThrows(IllegalArgumentException.class, () -> ReceivedRecord.of(Message.of("{}")));
    }

    @Test
    void aMalformedRecordIsDeadLetteredWithItsReason() {
        ReceivedRecord record = ReceivedRecord.of(consumed("{\"type\": \"com.pawprint.photos.ingested.v1\"",
                sent));
        assertEquals(Optional.empty(), incoming.read(record, PhotosIngested.class, Stage.LABELING));

        assertEquals(1, producer.history().size());
        ProducerRecord<String, String> dead = producer.history().get(0);
        assertEquals("photos.ingested.dlq", dead.topic());
        assertEquals(Fixtures.PET.toString(), dead.key());
        DeadLetter letter = EventCodec.decodeDeadLetter(dead.value());
        assertEquals(new DeadLetter(Topics.PHOTOS_INGESTED, 3, 42L, sent.key(), record.payload(), record.headers(),
                letter.reason(), Stage.LABELING, "labeling-service", Fixtures.CLOCK.instant()), letter);
        assertTrue(letter.reason().startsWith("payload is not valid JSON"), letter.reason());
    }

    @Test
    void aRecordWithoutHeadersIsDeadLettered() {
        ConsumerRecord<String, String> bare = new ConsumerRecord<>(Topics.PHOTOS_INGESTED, 0, 7L, sent.key(),
                sent.value());
        assertEquals(Optional.empty(), incoming.read(ReceivedRecord.of(bare), PhotosIngested.class, Stage.LABELING));
        assertEquals("missing header ce_specversion",
                EventCodec.decodeDeadLetter(producer.history().get(0).value()).reason());
    }

    @Test
    void whenTheDeadLetterCannotBeStoredTheRecordIsNotGivenUp() {
        MockProducer<String, String> failing = Fixtures.autoCompletingProducer();
        failing.sendException = new org.apache.kafka.common.errors.TimeoutException("broker away");
        IncomingEvents reader = new IncomingEvents(
                new DeadLetters(Fixtures.sender(failing), "labeling-service", Fixtures.CLOCK));
        ReceivedRecord record = ReceivedRecord.of(consumed("not json", sent));
        PublishException e = assertThrows(PublishException.class,
                () -> reader.read(record, PhotosIngested.class, Stage.LABELING));
        assertEquals("could not send a record to photos.ingested.dlq: broker away", e.getMessage());
    }

    private static ConsumerRecord<String, String> consumed(String value, ProducerRecord<String, String> sent) {
        RecordHeaders headers = new RecordHeaders();
        sent.headers().forEach(headers::add);
        return new ConsumerRecord<>(sent.topic(), 3, 42L, 0L, TimestampType.CREATE_TIME, 0, 0, sent.key(), value,
                headers, Optional.empty());
    }
}
