package com.pawprint.storage;

/**
 * A key an event named that does not lie under the prefix the event's own tenant and pet give it: the event is
 * dead-lettered whole, since nothing it names can be trusted once one of its keys points elsewhere.
 */
public class ForeignKeyException extends InvalidKeyException {

    public ForeignKeyException(String message) {
        super(message);
    }
}
