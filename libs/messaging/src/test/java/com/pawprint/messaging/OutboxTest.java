package com.pawprint.messaging;

import com.pawprint.contracts.CloudEventHeaders;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.PhotosIngested;
import com.pawprint.contracts.Topics;
import com.pawprint.localstack.LocalStackResource;
import com.pawprint.messaging.outbox.Outbox;
import com.pawprint.messaging.outbox.OutboxRecord;
import com.pawprint.testsupport.TestKafka;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox on the local stack: rows in the service's schema, the relay publishing them to the real broker. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class OutboxTest {

    @Inject
    Outbox outbox;

    @Test
    void committedEventsArePublishedInOrderAsTheServicesRecords() {
        PhotosIngested first = Fixtures.photosIngested();
        PhotosIngested second = Fixtures.photosIngested();
        try (TestKafka kafka = TestKafka.reading(Topics.PHOTOS_INGESTED)) {
            QuarkusTransaction.requiringNew().run(() -> {
                outbox.enqueue(first);
                outbox.enqueue(second);
            });
            List<ConsumerRecord<String, String>> records = kafka.awaitRecords(Topics.PHOTOS_INGESTED, Fixtures.PET,
                    all -> eventIds(all).contains(second.metadata().eventId()));
            List<UUID> ids = eventIds(records);
            assertTrue(ids.indexOf(first.metadata().eventId()) >= 0, "the first event is published");
            assertTrue(ids.indexOf(first.metadata().eventId()) < ids.indexOf(second.metadata().eventId()),
                    "in the order they were queued");
            ConsumerRecord<String, String> record = records.get(ids.indexOf(first.metadata().eventId()));
            Map<String, String> headers = TestKafka.headers(record);
            assertEquals(first, EventCodec.read(record.value(), headers, PhotosIngested.class));
            assertEquals("urn:pawprint:messaging-test", headers.get(CloudEventHeaders.SOURCE));
        }
        OutboxRecord sent = QuarkusTransaction.requiringNew().call(() ->
                OutboxRecord.findById(first.metadata().eventId()));
        assertNotNull(sent.publishedAt);
        assertEquals(1, sent.attempts);
    }

    @Test
    void theEventOfARolledBackTransactionNeverLeaves() {
        PhotosIngested rejected = Fixtures.photosIngested();
        PhotosIngested marker = Fixtures.photosIngested();
        try (TestKafka kafka = TestKafka.reading(Topics.PHOTOS_INGESTED)) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> QuarkusTransaction.requiringNew().run(() -> {
                        outbox.enqueue(rejected);
                        throw new IllegalStateException("order rejected after its event was queued");
                    }));
            assertEquals("order rejected after its event was queued", failure.getMessage());
            QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(marker));
            // The relay publishes in commit order, so once the later marker is out, the rejected event is not coming.
            List<UUID> ids = eventIds(kafka.awaitRecords(Topics.PHOTOS_INGESTED, Fixtures.PET,
                    all -> eventIds(all).contains(marker.metadata().eventId())));
            assertEquals(-1, ids.indexOf(rejected.metadata().eventId()));
        }
        assertNull(QuarkusTransaction.requiringNew().call(() -> OutboxRecord.findById(rejected.metadata().eventId())));
    }

    @Test
    void anEventIsOnlyQueuedInsideTheTransactionOfItsChange() {
        assertThrows(TransactionalException.class, () -> outbox.enqueue(Fixtures.photosIngested()));
    }

    private static List<UUID> eventIds(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(record -> UUID.fromString(TestKafka.headers(record).get(CloudEventHeaders.ID)))
                .toList();
    }
}
