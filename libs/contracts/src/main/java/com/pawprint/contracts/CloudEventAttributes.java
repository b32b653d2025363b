package com.pawprint.contracts;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/** The CloudEvents context attributes read from a record's headers (binary content mode). */
public record CloudEventAttributes(
        String specVersion,
        UUID id,
        String type,
        URI source,
        Instant time,
        String subject,
        String contentType) {

    /**
     * @throws MalformedEventException when the headers describe another event than the payload holds
     */
    public void checkDescribes(PawEvent event) {
        EventMetadata metadata = event.metadata();
        if (!id.equals(metadata.eventId())) {
            throw new MalformedEventException("header ce_id " + id + " differs from the payload's eventId "
                    + metadata.eventId());
        }
        if (!type.equals(event.type())) {
            throw new MalformedEventException("header ce_type " + type + " differs from the payload's type "
                    + event.type());
        }
        String expectedSubject = CloudEventHeaders.subjectOf(metadata);
        if (subject != null && !subject.equals(expectedSubject)) {
            throw new MalformedEventException("header ce_subject " + subject + " differs from the payload's "
                    + expectedSubject);
        }
    }
}
