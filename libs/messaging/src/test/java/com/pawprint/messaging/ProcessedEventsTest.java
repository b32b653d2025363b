package com.pawprint.messaging;

import com.pawprint.contracts.EventMetadata;
import com.pawprint.localstack.LocalStackResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionalException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(LocalStackResource.class)
class ProcessedEventsTest {

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    EntityManager entityManager;

    @Test
    void onlyTheFirstDeliveryToAConsumerCounts() {
        UUID event = UUID.randomUUID();
        assertTrue(QuarkusTransaction.requiringNew().call(() -> processedEvents.firstDelivery("labeling", event)));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> processedEvents.firstDelivery("labeling", event)));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> processedEvents.firstDelivery("audit", event)),
                "another consumer processes the same event once too");
    }

    @Test
    void aDeliveryWhoseProcessingFailedIsProcessedAgain() {
        UUID event = UUID.randomUUID();
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    assertTrue(processedEvents.firstDelivery("labeling", event));
                    throw new IllegalStateException("captioner crashed");
                }));
        assertEquals("captioner crashed", failure.getMessage());
        assertTrue(QuarkusTransaction.requiringNew().call(() -> processedEvents.firstDelivery("labeling", event)));
    }

    @Test
    void aRedeliveryLeavesTheCallersTransactionUsable() {
        UUID event = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> processedEvents.firstDelivery("labeling", event));
        long rows = QuarkusTransaction.requiringNew().call(() -> {
            assertFalse(processedEvents.firstDelivery("labeling", event));
            return ProcessedEvent.count("consumer = ?1 and eventId = ?2", "labeling", event);
        });
        assertEquals(1, rows);
    }

    @Test
    void concurrentDeliveriesOfOneEventCountOnce() throws Exception {
        UUID event = UUID.randomUUID();
        int deliveries = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return QuarkusTransaction.requiringNew()
                            .call(() -> processedEvents.firstDelivery("labeling", event));
                }));
            }
            start.countDown();
            int first = 0;
            for (Future<Boolean> result : results) {
                first += result.get() ? 1 : 0;
            }
            assertEquals(1, first);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theMarkLivesInTheServicesSchema() {
        UUID event = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> processedEvents.firstDelivery("labeling", event));
        Number rows = QuarkusTransaction.requiringNew().call(() -> (Number) entityManager
                .createNativeQuery("SELECT count(*) FROM labeling.processed_events WHERE event_id = :id")
                .setParameter("id", event)
                .getSingleResult());
        assertEquals(1, rows.intValue());
    }

    @Test
    void itOnlyRunsInsideTheCallersTransaction() {
        assertThrows(TransactionalException.class, () -> processedEvents.firstDelivery("labeling", UUID.randomUUID()));
    }

    @Test
    void aJobSentAgainUnderANewEventIdCountsOnce() {
        EventMetadata order = Fixtures.photosIngested().metadata();
        // labeling sends captions.ready before it commits; a retried approval sends the job again as order.next().
        EventMetadata captionsReady = order.next();
        EventMetadata sentAgain = order.next();
        String consumer = "trainer-service/captions.ready";
        assertTrue(QuarkusTransaction.requiringNew().call(() ->
                processedEvents.firstDeliveryOfJob(consumer, captionsReady)));
        assertFalse(QuarkusTransaction.requiringNew().call(() ->
                processedEvents.firstDeliveryOfJob(consumer, sentAgain)));
        assertFalse(QuarkusTransaction.requiringNew().call(() ->
                processedEvents.firstDeliveryOfJob(consumer, captionsReady)), "a plain redelivery is caught too");
    }

    @Test
    void aConsumersJobMarksAreApartFromItsEventMarks() {
        EventMetadata event = Fixtures.photosIngested().metadata();
        assertTrue(QuarkusTransaction.requiringNew().call(() -> processedEvents.firstDelivery("audit",
                event.jobId())));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> processedEvents.firstDeliveryOfJob("audit", event)));
    }
}
