package com.pawprint.ingest.rest;

/** A new webhook endpoint: where to POST job status changes. */
public record WebhookRequest(String url, String description) {
}
