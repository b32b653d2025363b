package com.pawprint.contracts;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: the context attributes travel as {@code ce_*}
 * headers and the record value is the event's JSON. The record key is the pet id, so one pet's events stay in order
 * on one partition.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String APPLICATION_JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** The source URI of a service, for example {@code urn:pawprint:ingest-service}. */
    public static URI serviceSource(String serviceName) {
        if (serviceName == null || !serviceName.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("service name must be lower-case letters, digits and '-', got "
                    + serviceName);
        }
        return URI.create("urn:pawprint:" + serviceName);
    }

    /** The Kafka record key of an event: its pet id. */
    public static String recordKey(PawEvent event) {
        return event.metadata().petId().toString();
    }

    /** {@code tenants/{tenant}/pets/{pet}/jobs/{job}}, the same shape as the object keys of the pet. */
    public static String subjectOf(EventMetadata metadata) {
        return "tenants/" + metadata.tenantId() + "/pets/" + metadata.petId() + "/jobs/" + metadata.jobId();
    }

    /** The headers of an event published by {@code source}, in a stable order. */
    public static Map<String, String> of(PawEvent event, URI source) {
        EventMetadata metadata = event.metadata();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SPEC_VERSION, SPEC_VERSION_1_0);
        headers.put(ID, metadata.eventId().toString());
        headers.put(TYPE, event.type());
        headers.put(SOURCE, source.toString());
        headers.put(TIME, metadata.occurredAt().toString());
        headers.put(SUBJECT, subjectOf(metadata));
        headers.put(CONTENT_TYPE, APPLICATION_JSON);
        return headers;
    }

    /**
     * Reads the attributes back. ce_specversion, ce_id, ce_type and ce_source are required (as CloudEvents
     * requires); ce_time, ce_subject and content-type are optional, but a content type other than JSON is refused.
     *
     * @throws MalformedEventException naming the first missing or invalid header
     */
    public static CloudEventAttributes parse(Map<String, String> headers) {
        String specVersion = required(headers, SPEC_VERSION);
        if (!SPEC_VERSION_1_0.equals(specVersion)) {
            throw new MalformedEventException("unsupported " + SPEC_VERSION + " '" + specVersion + "', expected "
                    + SPEC_VERSION_1_0);
        }
        UUID id;
        try {
            id = UUID.fromString(required(headers, ID));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("header " + ID + " must be a UUID, got '" + headers.get(ID) + "'");
        }
        String type = required(headers, TYPE);
        URI source;
        try {
            source = new URI(required(headers, SOURCE));
        } catch (URISyntaxException e) {
            throw new MalformedEventException("header " + SOURCE + " must be a URI, got '" + headers.get(SOURCE)
                    + "'");
        }
        Instant time = null;
        if (headers.get(TIME) != null) {
            try {
                time = Instant.parse(headers.get(TIME));
            } catch (DateTimeParseException e) {
                throw new MalformedEventException("header " + TIME + " must be an RFC 3339 UTC time, got '"
                        + headers.get(TIME) + "'");
            }
        }
        String contentType = headers.get(CONTENT_TYPE);
        if (contentType != null && !contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)
                .equals(APPLICATION_JSON)) {
            throw new MalformedEventException("unsupported " + CONTENT_TYPE + " '" + contentType + "', expected "
                    + APPLICATION_JSON);
        }
        return new CloudEventAttributes(specVersion, id, type, source, time, headers.get(SUBJECT), contentType);
    }

    private static String required(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("missing header " + name);
        }
        return value;
    }
}
