package com.pawprint.messaging;

/**
 * The broker did not take a record in time. A consumer that gets this must not acknowledge the record it is
 * handling, so that it is delivered again and nothing is lost.
 */
public class PublishException extends RuntimeException {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
