package com.pawprint.merch.compose;

/** A product cannot be composed from this design; the message says why, in words for the client or dead letter. */
public class CompositionException extends RuntimeException {

    public CompositionException(String message) {
        super(message);
    }
}
