package com.pawprint.storage;

/** The object store failed or could not be reached; the cause holds the client's error. */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
