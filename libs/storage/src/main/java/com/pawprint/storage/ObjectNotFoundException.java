package com.pawprint.storage;

/** No object under the key. */
public class ObjectNotFoundException extends StorageException {

    private final String key;

    public ObjectNotFoundException(String key) {
        super("No object at " + key);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
