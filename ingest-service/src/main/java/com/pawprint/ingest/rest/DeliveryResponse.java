package com.pawprint.ingest.rest;

import com.pawprint.ingest.storage.WebhookDelivery;

import java.time.Instant;
import java.util.UUID;

/** One recorded webhook delivery; {@code id} is the webhook-id header of every attempt. */
public record DeliveryResponse(UUID id, UUID jobId, String eventType, WebhookDelivery.State state, int attempts,
                               Integer lastStatusCode, String lastError, Instant nextAttemptAt, Instant createdAt,
                               Instant deliveredAt) {

    static DeliveryResponse of(WebhookDelivery delivery) {
        return new DeliveryResponse(delivery.id, delivery.jobId, delivery.eventType, delivery.state,
                delivery.attempts, delivery.lastStatusCode, delivery.lastError, delivery.nextAttemptAt,
                delivery.createdAt, delivery.deliveredAt);
    }
}
