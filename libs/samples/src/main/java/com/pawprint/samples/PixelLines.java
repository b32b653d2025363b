package com.pawprint.samples;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Thousands of tiny strokes (fur strands, grass blades) written straight into an int raster: a Java2D stroke
 * costs tens of microseconds each, these cost a few nanoseconds per pixel.
 */
final class PixelLines {

    private final int[] pixels;
    private final int width;
    private final int height;
    private final boolean onlyOpaque;

    /**
     * @param onlyOpaque for an ARGB layer: touch only fully opaque pixels, so strokes stay inside the shape
     */
    PixelLines(BufferedImage image, boolean onlyOpaque) {
        this.pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        this.width = image.getWidth();
        this.height = image.getHeight();
        this.onlyOpaque = onlyOpaque;
    }

    boolean isOpaque(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height && (pixels[y * width + x] >>> 24) == 0xFF;
    }

    /** Blends {@code rgb} at {@code alpha} (0..255) along a line {@code thickness} pixels wide. */
    void draw(double x0, double y0, double angle, double length, int thickness, int rgb, int alpha) {
        double dx = Math.cos(angle);
        double dy = Math.sin(angle);
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        for (int t = 0; t <= length; t++) {
            int y = (int) (y0 + dy * t);
            int xStart = (int) (x0 + dx * t);
            if (y < 0 || y >= height) {
                continue;
            }
            for (int x = xStart; x < xStart + thickness; x++) {
                if (x < 0 || x >= width) {
                    continue;
                }
                int at = y * width + x;
                int p = pixels[at];
                if (onlyOpaque && (p >>> 24) != 0xFF) {
                    continue;
                }
                int pr = (p >> 16) & 0xFF;
                int pg = (p >> 8) & 0xFF;
                int pb = p & 0xFF;
                pr += (r - pr) * alpha / 255;
                pg += (g - pg) * alpha / 255;
                pb += (b - pb) * alpha / 255;
                pixels[at] = (p & 0xFF000000) | pr << 16 | pg << 8 | pb;
            }
        }
    }
}
