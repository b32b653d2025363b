package com.pawprint.imaging;

import java.awt.image.BufferedImage;

/**
 * The normalized copy and the thumbnail, both upright sRGB JPEGs without metadata.
 *
 * @param pixels the normalized copy's pixels, for metrics that should not decode the JPEG again
 */
public record NormalizedImages(EncodedImage normalized, EncodedImage thumbnail, BufferedImage pixels) {
}
