package com.pawprint.contracts;

/**
 * A record that cannot be read as a PawPrint event; {@link #reason()} says why in one line, fit for a dead letter.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String reason) {
        super(reason);
    }

    public MalformedEventException(String reason, Throwable cause) {
        super(reason, cause);
    }

    public String reason() {
        return getMessage();
    }
}
