package com.pawprint.models;

/**
 * A base model that cannot be used: not registered, its file missing, outside its prefix or not the file the
 * registry hashed. The message says which, for the job's failure reason.
 */
public class BaseModelUnavailableException extends RuntimeException {

    public BaseModelUnavailableException(String message) {
        super(message);
    }
}
