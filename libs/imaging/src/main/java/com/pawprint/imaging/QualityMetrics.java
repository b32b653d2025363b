package com.pawprint.imaging;

import java.awt.image.BufferedImage;

/**
 * Measurements of an image's quality, taken on a grayscale copy whose long side is {@link #ANALYSIS_LONG_SIDE},
 * so the numbers do not depend on the upload's resolution.
 *
 * @param sharpness variance of the Laplacian (4-neighbour kernel on 0..255 luma); low means blurred
 * @param meanBrightness mean luma, 0..255
 */
public record QualityMetrics(double sharpness, double meanBrightness) {

    public static final int ANALYSIS_LONG_SIDE = 512;

    public static QualityMetrics of(BufferedImage image) {
        int[] size = new int[2];
        float[] luma = Luma.fitted(image, ANALYSIS_LONG_SIDE, size);
        return new QualityMetrics(laplacianVariance(luma, size[0], size[1]), mean(luma));
    }

    static double laplacianVariance(float[] luma, int width, int height) {
        if (width < 3 || height < 3) {
            return 0;
        }
        double sum = 0;
        double sumSquares = 0;
        for (int y = 1; y < height - 1; y++) {
            int row = y * width;
            for (int x = 1; x < width - 1; x++) {
                int i = row + x;
                double laplacian = luma[i - 1] + luma[i + 1] + luma[i - width] + luma[i + width] - 4.0 * luma[i];
                sum += laplacian;
                sumSquares += laplacian * laplacian;
            }
        }
        long n = (long) (width - 2) * (height - 2);
        double mean = sum / n;
        return sumSquares / n - mean * mean;
    }

    private static double mean(float[] luma) {
        double sum = 0;
        for (float value : luma) {
            sum += value;
        }
        return sum / luma.length;
    }
}
