package com.pawprint.storage;

/** Checks shared by the stores' prefix operations. */
final class KeyChecks {

    private KeyChecks() {}

    /**
     * A prefix must end in '/': {@code tenants/a} would also match {@code tenants/ab/...}, and the empty prefix
     * would match the whole bucket.
     */
    static String prefix(String prefix) {
        if (prefix == null || prefix.isEmpty() || !prefix.endsWith("/")) {
            throw new InvalidKeyException("a prefix must be non-empty and end in '/': " + prefix);
        }
        return prefix;
    }

    static String key(String key) {
        if (key == null || key.isEmpty() || key.endsWith("/")) {
            throw new InvalidKeyException("an object key must be non-empty and not end in '/': " + key);
        }
        return key;
    }
}
