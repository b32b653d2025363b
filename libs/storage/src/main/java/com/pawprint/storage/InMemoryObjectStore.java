package com.pawprint.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * An {@link ObjectStore} in a map, for unit tests of one class. Not a CDI bean on purpose: anything that runs
 * Quarkus tests against the real S3 server of the local stack. Its presigned URLs are {@code memory:} URIs that
 * only say which key and expiry were asked for.
 */
public class InMemoryObjectStore implements ObjectStore {

    private record Stored(byte[] data, String contentType, Instant lastModified) {}

    private final ConcurrentSkipListMap<String, Stored> objects = new ConcurrentSkipListMap<>();
    private final Duration defaultExpiry;
    private final Clock clock;

    public InMemoryObjectStore() {
        this(Duration.ofMinutes(15), Clock.systemUTC());
    }

    public InMemoryObjectStore(Duration defaultExpiry, Clock clock) {
        this.defaultExpiry = defaultExpiry;
        this.clock = clock;
    }

    @Override
    public void put(String key, byte[] data, String contentType) {
        objects.put(KeyChecks.key(key), new Stored(data.clone(), contentType, clock.instant()));
    }

    @Override
    public void put(String key, InputStream data, long size, String contentType) {
        try {
            byte[] bytes = size < 0 ? data.readAllBytes() : data.readNBytes(Math.toIntExact(size));
            if (size >= 0 && bytes.length != size) {
                throw new StorageException("Stream for " + key + " ended after " + bytes.length + " of " + size
                        + " bytes");
            }
            put(key, bytes, contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] get(String key) {
        return stored(key).data().clone();
    }

    @Override
    public InputStream open(String key) {
        return new ByteArrayInputStream(stored(key).data());
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        Stored stored = objects.get(KeyChecks.key(key));
        return Optional.ofNullable(stored)
                .map(s -> new ObjectInfo(key, s.data().length, s.contentType(), s.lastModified()));
    }

    @Override
    public void delete(String key) {
        objects.remove(KeyChecks.key(key));
    }

    @Override
    public int deletePrefix(String prefix) {
        var under = objects.subMap(KeyChecks.prefix(prefix), true, prefix + Character.MAX_VALUE, false);
        int count = under.size();
        under.clear();
        return count;
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        return objects.subMap(KeyChecks.prefix(prefix), true, prefix + Character.MAX_VALUE, false).entrySet().stream()
                .map(e -> new ObjectInfo(e.getKey(), e.getValue().data().length, null, e.getValue().lastModified()))
                .toList();
    }

    @Override
    public URI presignedGet(String key) {
        return presignedGet(key, defaultExpiry);
    }

    @Override
    public URI presignedGet(String key, Duration expiry) {
        Instant expires = clock.instant().plus(expiry);
        return URI.create("memory:" + URLEncoder.encode(KeyChecks.key(key), StandardCharsets.UTF_8) + "?expires=" + expires);
    }

    private Stored stored(String key) {
        Stored stored = objects.get(KeyChecks.key(key));
        if (stored == null) {
            throw new ObjectNotFoundException(key);
        }
        return stored;
    }
}
