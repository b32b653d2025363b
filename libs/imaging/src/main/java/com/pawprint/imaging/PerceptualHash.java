package com.pawprint.imaging;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 64-bit DCT perceptual hash: the image reduced to a 32x32 grayscale, its 2-D DCT-II, and one bit per
 * coefficient of the lowest 8x8 frequencies telling whether it lies above their median. Near-identical pictures
 * (re-encoded, resized, slightly cropped or brightened) differ in few bits; different pictures in about half.
 */
public record PerceptualHash(long bits) {

    private static final int SIZE = 32;
    private static final int LOW = 8;
    private static final double[][] COSINES = cosines();

    public static PerceptualHash of(BufferedImage image) {
        float[] luma = Luma.exact(image, SIZE, SIZE);
        double[] rows = new double[SIZE * LOW];
        for (int y = 0; y < SIZE; y++) {
            for (int u = 0; u < LOW; u++) {
                double sum = 0;
                for (int x = 0; x < SIZE; x++) {
                    sum += luma[y * SIZE + x] * COSINES[u][x];
                }
                rows[y * LOW + u] = sum;
            }
        }
        double[] coefficients = new double[LOW * LOW];
        for (int v = 0; v < LOW; v++) {
            for (int u = 0; u < LOW; u++) {
                double sum = 0;
                for (int y = 0; y < SIZE; y++) {
                    sum += rows[y * LOW + u] * COSINES[v][y];
                }
                coefficients[v * LOW + u] = sum;
            }
        }
        double[] sorted = coefficients.clone();
        Arrays.sort(sorted);
        double median = (sorted[31] + sorted[32]) / 2;
        long bits = 0;
        for (int i = 0; i < coefficients.length; i++) {
            if (coefficients[i] > median) {
                bits |= 1L << i;
            }
        }
        return new PerceptualHash(bits);
    }

    /** Number of differing bits, 0..64. */
    public int distance(PerceptualHash other) {
        return Long.bitCount(bits ^ other.bits);
    }

    /** 16 lowercase hex digits, for storage. */
    public String toHex() {
        return HexFormat.of().toHexDigits(bits);
    }

    public static PerceptualHash fromHex(String hex) {
        if (hex.length() != 16) {
            throw new IllegalArgumentException("a perceptual hash is 16 hex digits: " + hex);
        }
        return new PerceptualHash(HexFormat.fromHexDigitsToLong(hex));
    }

    private static double[][] cosines() {
        double[][] table = new double[LOW][SIZE];
        for (int u = 0; u < LOW; u++) {
            for (int x = 0; x < SIZE; x++) {
                table[u][x] = Math.cos(Math.PI * (2 * x + 1) * u / (2.0 * SIZE));
            }
        }
        return table;
    }
}
