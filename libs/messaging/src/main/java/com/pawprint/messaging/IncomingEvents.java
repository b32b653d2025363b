package com.pawprint.messaging;

import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.MalformedEventException;
import com.pawprint.contracts.PawEvent;
import com.pawprint.contracts.Stage;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Reads incoming records: a well-formed event of the expected type comes back; anything else (bad headers,
 * malformed JSON, another type, an unsupported schema version) is dead-lettered with the reason, and the caller
 * acknowledges the record and moves on.
 */
@ApplicationScoped
public class IncomingEvents {

    private final DeadLetters deadLetters;

    public IncomingEvents(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /**
     * @param stage the stage reading the record, recorded in the dead letter
     * @return the event, or empty when the record was dead-lettered
     * @throws PublishException when a dead letter was needed but could not be stored
     */
    public <T extends PawEvent> Optional<T> read(ReceivedRecord record, Class<T> expected, Stage stage) {
        try {
            return Optional.of(EventCodec.read(record.payload(), record.headers(), expected));
        } catch (MalformedEventException e) {
            deadLetters.publish(record, e.reason(), stage);
            return Optional.empty();
        }
    }
}
