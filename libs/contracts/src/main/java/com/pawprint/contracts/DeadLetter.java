package com.pawprint.contracts;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A record a consumer gave up on, published to {@code <originalTopic>.dlq}: the original record as it was read
 * (payload as text, headers as text), where it came from, and why and where it failed. Nothing is lost: a person or
 * a tool can fix the cause and republish {@code payload} with {@code headers} to the original topic.
 */
public record DeadLetter(
        String originalTopic,
        int partition,
        long offset,
        String key,
        String payload,
        Map<String, String> headers,
        String reason,
        Stage stage,
        String service,
        Instant failedAt) {

    public DeadLetter {
        Objects.requireNonNull(originalTopic, "originalTopic is required");
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(reason, "reason is required");
        Objects.requireNonNull(stage, "stage is required");
        Objects.requireNonNull(service, "service is required");
        Objects.requireNonNull(failedAt, "failedAt is required");
    }

    /** The topic this dead letter belongs on. */
    public String deadLetterTopic() {
        return Topics.deadLetterOf(originalTopic);
    }
}
