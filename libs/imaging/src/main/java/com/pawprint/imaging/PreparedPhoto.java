package com.pawprint.imaging;

/**
 * An accepted photo, ready to store: every image in it is upright and carries no EXIF.
 *
 * @param header what the upload's header said (format, stored size, EXIF orientation)
 * @param original the upload without metadata: its own bytes minus metadata when it was upright, else its upright
 *                 pixels re-encoded as JPEG
 * @param normalized sRGB JPEG, long side capped
 * @param thumbnail small sRGB JPEG for listings
 */
public record PreparedPhoto(ImageHeader header, EncodedImage original, EncodedImage normalized,
                            EncodedImage thumbnail, QualityMetrics metrics, PerceptualHash hash) {
}
