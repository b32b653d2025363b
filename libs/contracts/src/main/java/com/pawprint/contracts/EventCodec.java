package com.pawprint.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * JSON of events and dead letters. Instants are ISO-8601 text, nulls are left out, and unknown fields are skipped so
 * a consumer can read events from a newer producer of the same schema version.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /** Jackson appends where a structure started, naming a redacted source; the reason already has the place. */
    private static final Pattern JACKSON_SOURCE_NOTE = Pattern.compile("\\s*\\(start marker at \\[Source:.*$");

    private EventCodec() {
    }

    public static String encode(PawEvent event) {
        return write(event);
    }

    /**
     * @throws MalformedEventException when the text is not JSON, names no or an unknown type, lacks a required
     *                                 field, or has a schema version this code does not read
     */
    public static PawEvent decode(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty payload");
        }
        PawEvent event;
        try {
            event = MAPPER.readValue(json, PawEvent.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(reason(e), e);
        }
        if (event == null) {
            throw new MalformedEventException("payload is JSON null");
        }
        int version = event.metadata().schemaVersion();
        if (version != EventMetadata.CURRENT_SCHEMA_VERSION) {
            throw new MalformedEventException("schema version " + version + " of " + event.type()
                    + " is not supported; this consumer reads version " + EventMetadata.CURRENT_SCHEMA_VERSION);
        }
        return event;
    }

    /**
     * Decodes an event of one expected type.
     *
     * @throws MalformedEventException also when the payload holds another type of event
     */
    public static <T extends PawEvent> T decode(String json, Class<T> expected) {
        PawEvent event = decode(json);
        if (!expected.isInstance(event)) {
            throw new MalformedEventException("expected a " + expected.getSimpleName() + " event, got "
                    + event.type());
        }
        return expected.cast(event);
    }

    /**
     * Reads a record as it arrives: checks the CloudEvents headers, decodes the payload and checks that both
     * describe the same event.
     *
     * @throws MalformedEventException with the first problem found
     */
    public static <T extends PawEvent> T read(String payload, Map<String, String> headers, Class<T> expected) {
        CloudEventAttributes attributes = CloudEventHeaders.parse(headers);
        T event = decode(payload, expected);
        attributes.checkDescribes(event);
        return event;
    }

    public static String encodeDeadLetter(DeadLetter deadLetter) {
        return write(deadLetter);
    }

    /**
     * @throws MalformedEventException when the text is not a dead letter
     */
    public static DeadLetter decodeDeadLetter(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty payload");
        }
        try {
            return MAPPER.readValue(json, DeadLetter.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(reason(e), e);
        }
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event record always serializes", e);
        }
    }

    private static String reason(JsonProcessingException e) {
        if (e instanceof StreamReadException && !(e instanceof JsonMappingException)) {
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            return "payload is not valid JSON" + at + ": "
                    + JACKSON_SOURCE_NOTE.matcher(firstLine(e.getOriginalMessage())).replaceAll("");
        }
        if (e instanceof InvalidTypeIdException typeId) {
            return typeId.getTypeId() == null ? "payload names no event type"
                    : "unknown event type '" + typeId.getTypeId() + "'";
        }
        String path = e instanceof JsonMappingException mapping ? path(mapping) : "";
        String at = path.isEmpty() ? "" : " at " + path;
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return "invalid event" + at + ": " + firstLine(e.getCause().getMessage());
        }
        String message = firstLine(e.getOriginalMessage());
        if (message.startsWith("Cannot map `null` into type")) {
            return "invalid event" + at + ": a value is required";
        }
        return "invalid event" + at + ": " + message;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        String line = message.strip().lines().findFirst().orElse("unreadable input");
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }
}
