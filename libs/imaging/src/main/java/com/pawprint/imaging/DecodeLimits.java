package com.pawprint.imaging;

/**
 * What a decoder agrees to look at.
 *
 * @param maxBytes largest accepted file
 * @param maxPixels largest accepted width x height, checked from the header before any pixel is decoded
 *                  (a 50 MP limit needs ~200 MB of RGB pixels at most)
 */
public record DecodeLimits(long maxBytes, long maxPixels) {

    public static final long DEFAULT_MAX_BYTES = 40L * 1024 * 1024;
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    public DecodeLimits {
        if (maxBytes <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxBytes + ", " + maxPixels);
        }
    }

    public static DecodeLimits defaults() {
        return new DecodeLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS);
    }
}
