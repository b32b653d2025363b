package com.pawprint.storage;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The environment's bucket. Keys come from {@link ObjectKeys}. Every failure of the server is a
 * {@link StorageException}; a missing object on a read is an {@link ObjectNotFoundException}.
 */
public interface ObjectStore {

    void put(String key, byte[] data, String contentType);

    /** Streams {@code size} bytes ({@code -1} when unknown: then uploaded in parts) without buffering them all. */
    void put(String key, InputStream data, long size, String contentType);

    byte[] get(String key);

    /** The object's bytes as a stream; the caller closes it. */
    InputStream open(String key);

    Optional<ObjectInfo> stat(String key);

    default boolean exists(String key) {
        return stat(key).isPresent();
    }

    /** Removes the object; removing a missing object is not an error. */
    void delete(String key);

    /** Removes every object whose key starts with {@code prefix} (which must end in '/'); returns how many. */
    int deletePrefix(String prefix);

    /** Every object whose key starts with {@code prefix}, at any depth, in key order. */
    List<ObjectInfo> list(String prefix);

    /** A GET URL that works without credentials until {@code pawprint.storage.presign-expiry} has passed. */
    URI presignedGet(String key);

    URI presignedGet(String key, Duration expiry);
}
