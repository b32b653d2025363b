package com.pawprint.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.pawprint.ingest.service.WebhookService;
import com.pawprint.ingest.storage.WebhookEndpoint;

import java.time.Instant;
import java.util.UUID;

/** A webhook endpoint; {@code secret} is present only in the answer to its creation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookResponse(UUID id, String url, String description, String secret, Instant createdAt) {

    static WebhookResponse of(WebhookEndpoint endpoint) {
        return new WebhookResponse(endpoint.id, endpoint.url, endpoint.description, null, endpoint.createdAt);
    }

    static WebhookResponse of(WebhookService.Registered registered) {
        WebhookEndpoint endpoint = registered.endpoint();
        return new WebhookResponse(endpoint.id, endpoint.url, endpoint.description, registered.secret(),
                endpoint.createdAt);
    }
}
