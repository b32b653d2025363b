package com.pawprint.merch.compose;

import java.awt.image.BufferedImage;

/**
 * Gives a die-cut sticker its white border and cut line: the subject's mask (alpha at least half) is grown by the
 * outline width using a chamfer distance transform (3-4 weights, so the border is round, not square), the grown
 * area is painted white under the subject, and the cut line is the boundary of the grown area.
 */
final class StickerOutline {

    private static final int STRAIGHT = 3;
    private static final int DIAGONAL = 4;
    private static final int CUT_LINE_ARGB = 0xFFFF00FF;

    private StickerOutline() {
    }

    /** Paints the border into {@code sticker} (INT_ARGB) and returns the cut line as an INT_ARGB image. */
    static BufferedImage apply(BufferedImage sticker, int outlinePixels) {
        int width = sticker.getWidth();
        int height = sticker.getHeight();
        int[] pixels = Argb.pixels(sticker);
        int[] distance = chamferDistance(pixels, width, height);
        int reach = outlinePixels * STRAIGHT;
        for (int i = 0; i < pixels.length; i++) {
            // Anti-aliased border edge: full white within the outline, fading over the last pixel.
            double border = Math.min(1.0, Math.max(0.0, (reach - distance[i]) / (double) STRAIGHT + 1.0));
            int subjectAlpha = pixels[i] >>> 24;
            int borderAlpha = (int) Math.round(border * 255);
            if (borderAlpha <= subjectAlpha) {
                continue;
            }
            int onWhite = Argb.over(pixels[i], 0xFFFFFF);
            pixels[i] = borderAlpha << 24 | onWhite;
        }
        BufferedImage cutLine = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        int[] line = Argb.pixels(cutLine);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (distance[i] > reach) {
                    continue;
                }
                boolean edge = x == 0 || y == 0 || x == width - 1 || y == height - 1
                        || distance[i - 1] > reach || distance[i + 1] > reach
                        || distance[i - width] > reach || distance[i + width] > reach;
                if (edge) {
                    line[i] = CUT_LINE_ARGB;
                }
            }
        }
        return cutLine;
    }

    private static int[] chamferDistance(int[] pixels, int width, int height) {
        int far = Integer.MAX_VALUE / 2;
        int[] d = new int[pixels.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (pixels[i] >>> 24) >= 128 ? 0 : far;
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int best = d[i];
                if (x > 0) {
                    best = Math.min(best, d[i - 1] + STRAIGHT);
                }
                if (y > 0) {
                    best = Math.min(best, d[i - width] + STRAIGHT);
                    if (x > 0) {
                        best = Math.min(best, d[i - width - 1] + DIAGONAL);
                    }
                    if (x < width - 1) {
                        best = Math.min(best, d[i - width + 1] + DIAGONAL);
                    }
                }
                d[i] = best;
            }
        }
        for (int y = height - 1; y >= 0; y--) {
            for (int x = width - 1; x >= 0; x--) {
                int i = y * width + x;
                int best = d[i];
                if (x < width - 1) {
                    best = Math.min(best, d[i + 1] + STRAIGHT);
                }
                if (y < height - 1) {
                    best = Math.min(best, d[i + width] + STRAIGHT);
                    if (x < width - 1) {
                        best = Math.min(best, d[i + width + 1] + DIAGONAL);
                    }
                    if (x > 0) {
                        best = Math.min(best, d[i + width - 1] + DIAGONAL);
                    }
                }
                d[i] = best;
            }
        }
        return d;
    }
}
