package com.pawprint.tenancy;

/** A bearer token that must not be accepted; the message says why and is safe to show to the caller. */
public class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String reason) {
        super(reason, null, false, false);
    }
}
