package com.pawprint.training.dataset;

import com.pawprint.imaging.ResampleFilter;
import com.pawprint.imaging.Resampler;
import java.awt.image.BufferedImage;

/** Training pixels: an image scaled to cover its bucket, centre-cropped to it, as CHW floats in [-1, 1]. */
public final class ImageTensors {

    private ImageTensors() {
    }

    public static float[] toChw(BufferedImage image, BucketResolution bucket) {
        BufferedImage cropped = coverAndCrop(image, bucket.width(), bucket.height());
        int width = bucket.width();
        int height = bucket.height();
        int plane = width * height;
        float[] values = new float[3 * plane];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            cropped.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int rgb = row[x];
                int index = y * width + x;
                values[index] = ((rgb >> 16) & 0xff) / 127.5f - 1;
                values[plane + index] = ((rgb >> 8) & 0xff) / 127.5f - 1;
                values[2 * plane + index] = (rgb & 0xff) / 127.5f - 1;
            }
        }
        return values;
    }

    static BufferedImage coverAndCrop(BufferedImage image, int width, int height) {
        double scale = Math.max((double) width / image.getWidth(), (double) height / image.getHeight());
        int scaledWidth = Math.max(width, (int) Math.round(image.getWidth() * scale));
        int scaledHeight = Math.max(height, (int) Math.round(image.getHeight() * scale));
        BufferedImage scaled = scaledWidth == image.getWidth() && scaledHeight == image.getHeight() ? image
                : Resampler.resize(image, scaledWidth, scaledHeight, ResampleFilter.LANCZOS3);
        int left = (scaledWidth - width) / 2;
        int top = (scaledHeight - height) / 2;
        return scaled.getSubimage(left, top, width, height);
    }
}
