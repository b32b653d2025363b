package com.pawprint.storage;

/** An id or path that must not become part of an object key. */
public class InvalidKeyException extends IllegalArgumentException {

    public InvalidKeyException(String message) {
        super(message);
    }
}
