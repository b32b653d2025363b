package com.pawprint.storage;

import java.time.Instant;

/**
 * What the store knows about one object. {@code contentType} is null in listings: S3's ListObjects does not
 * return it, only {@link ObjectStore#stat} does.
 */
public record ObjectInfo(String key, long size, String contentType, Instant lastModified) {}
