package com.pawprint.contracts;

import java.util.Objects;
import java.util.UUID;

/** One accepted photo of a training dataset: object keys, size of the normalized copy, SHA-256 of the original. */
public record DatasetImage(UUID photoId, String originalKey, String normalizedKey, int width, int height,
                           String sha256) {

    public DatasetImage {
        Objects.requireNonNull(photoId, "dataset image photoId is required");
        Objects.requireNonNull(originalKey, "dataset image originalKey is required");
        Objects.requireNonNull(normalizedKey, "dataset image normalizedKey is required");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("dataset image size must be positive, got " + width + "x" + height);
        }
    }
}
