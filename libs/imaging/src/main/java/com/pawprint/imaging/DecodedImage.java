package com.pawprint.imaging;

import java.awt.image.BufferedImage;

/**
 * A decoded, upright, opaque sRGB image.
 *
 * @param header what the file's header said (stored dimensions, orientation)
 * @param image the pixels in {@link BufferedImage#TYPE_INT_RGB}, orientation already applied
 * @param subsampling 1 for full resolution; n when every n-th pixel and row was decoded
 */
public record DecodedImage(ImageHeader header, BufferedImage image, int subsampling) {
}
