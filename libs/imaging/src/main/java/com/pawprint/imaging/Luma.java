package com.pawprint.imaging;

import java.awt.image.BufferedImage;

/** Grayscale copies for analysis (Rec. 601 luma, 0..255), at a size fixed by the metric, not by the upload. */
final class Luma {

    private Luma() {
    }

    /** Luma of {@code image} downscaled (area average) to fit {@code longSide}, row-major. */
    static float[] fitted(BufferedImage image, int longSide, int[] sizeOut) {
        BufferedImage small = Resampler.fitLongSide(image, longSide, ResampleFilter.BOX);
        sizeOut[0] = small.getWidth();
        sizeOut[1] = small.getHeight();
        return of(small);
    }

    /** Luma of {@code image} resized to exactly {@code width} x {@code height} (area average). */
    static float[] exact(BufferedImage image, int width, int height) {
        return of(Resampler.resize(image, width, height, ResampleFilter.BOX));
    }

    private static float[] of(BufferedImage image) {
        int[] rgb = Resampler.pixels(image);
        float[] luma = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            luma[i] = 0.299f * ((p >> 16) & 0xFF) + 0.587f * ((p >> 8) & 0xFF) + 0.114f * (p & 0xFF);
        }
        return luma;
    }
}
