package com.pawprint.contracts;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CloudEventHeadersTest {

    private static final URI SOURCE = CloudEventHeaders.serviceSource("ingest-service");
    private final PawEvent event = SampleEvents.oneOfEach().get(0);

    @Test
    void headersDescribeTheEvent() {
        Map<String, String> headers = CloudEventHeaders.of(event, SOURCE);
        assertEquals(Map.of(
                "ce_specversion", "1.0",
                "ce_id", event.metadata().eventId().toString(),
                "ce_type", "com.pawprint.photos.ingested.v1",
                "ce_source", "urn:pawprint:ingest-service",
                "ce_time", "2026-11-25T09:30:00.123Z",
                "ce_subject", "tenants/acme/pets/" + SampleEvents.PET + "/jobs/" + SampleEvents.JOB,
                "content-type", "application/json"), headers);
        assertEquals(SampleEvents.PET.toString(), CloudEventHeaders.recordKey(event));
    }

    @Test
    void headersSurviveARoundTrip() {
        CloudEventAttributes attributes = CloudEventHeaders.parse(CloudEventHeaders.of(event, SOURCE));
        assertEquals(new CloudEventAttributes("1.0", event.metadata().eventId(), event.type(), SOURCE,
                event.metadata().occurredAt(), CloudEventHeaders.subjectOf(event.metadata()), "application/json"),
                attributes);
        attributes.checkDescribes(event);
    }

    @Test
    void aRecordIsReadWhenHeadersAndPayloadAgree() {
        String payload = EventCodec.encode(event);
        assertEquals(event, EventCodec.read(payload, CloudEventHeaders.of(event, SOURCE), PhotosIngested.class));
    }

    @Test
    void missingOrInvalidHeadersAreRefused() {
        assertRefused("missing header ce_id", headersWith(CloudEventHeaders.ID, null));
        assertRefused("missing header ce_type", headersWith(CloudEventHeaders.TYPE, " "));
        assertRefused("unsupported ce_specversion '0.3', expected 1.0", headersWith(CloudEventHeaders.SPEC_VERSION, "0.3"));
        assertRefused("header ce_id must be a UUID, got '42'", headersWith(CloudEventHeaders.ID, "42"));
        assertRefused("header ce_source must be a URI, got 'not a uri'", headersWith(CloudEventHeaders.SOURCE, "not a uri"));
        assertRefused("header ce_time must be an RFC 3339 UTC time, got 'yesterday'", headersWith(CloudEventHeaders.TIME, "yesterday"));
        assertRefused("unsupported content-type 'application/avro', expected application/json",
                headersWith(CloudEventHeaders.CONTENT_TYPE, "application/avro"));
    }

    @Test
    void optionalHeadersMayBeAbsentAndJsonMayCarryACharset() {
        Map<String, String> headers = headersWith(CloudEventHeaders.TIME, null);
        headers.remove(CloudEventHeaders.SUBJECT);
        headers.put(CloudEventHeaders.CONTENT_TYPE, "application/json; charset=utf-8");
        CloudEventAttributes attributes = CloudEventHeaders.parse(headers);
        assertNull(attributes.time());
        assertNull(attributes.subject());
        assertEquals("application/json; charset=utf-8", attributes.contentType());
        attributes.checkDescribes(event);
    }

    @Test
    void headersOfAnotherEventAreRefused() {
        String payload = EventCodec.encode(event);
        PawEvent other = SampleEvents.oneOfEach().get(0);
        MalformedEventException id = assertThrows(MalformedEventException.class,
                () -> EventCodec.read(payload, CloudEventHeaders.of(other, SOURCE), PhotosIngested.class));
        assertEquals("header ce_id " + other.metadata().eventId() + " differs from the payload's eventId "
                + event.metadata().eventId(), id.reason());

        MalformedEventException type = assertThrows(MalformedEventException.class, () -> EventCodec.read(payload,
                headersWith(CloudEventHeaders.TYPE, CaptionsReady.TYPE), PhotosIngested.class));
        assertEquals("header ce_type com.pawprint.captions.ready.v1 differs from the payload's type "
                + "com.pawprint.photos.ingested.v1", type.reason());

        MalformedEventException subject = assertThrows(MalformedEventException.class, () -> EventCodec.read(payload,
                headersWith(CloudEventHeaders.SUBJECT, "tenants/evil/pets/x/jobs/y"), PhotosIngested.class));
        assertEquals("header ce_subject tenants/evil/pets/x/jobs/y differs from the payload's "
                + CloudEventHeaders.subjectOf(event.metadata()), subject.reason());
    }

    @Test
    void serviceNamesMustBeUriSafe() {
        assertThrows(IllegalArgumentException.class, () -> CloudEventHeaders.serviceSource("Ingest Service"));
    }

    private Map<String, String> headersWith(String name, String value) {
        Map<String, String> headers = new HashMap<>(CloudEventHeaders.of(event, SOURCE));
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return headers;
    }

    private static void assertRefused(String reason, Map<String, String> headers) {
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> CloudEventHeaders.parse(headers));
        assertEquals(reason, e.reason());
    }
}
