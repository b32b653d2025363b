package com.pawprint.imaging;

import java.util.Objects;

/** A refused file: a machine-readable reason and a message a person can act on. */
public record Rejection(RejectionReason reason, String message) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
