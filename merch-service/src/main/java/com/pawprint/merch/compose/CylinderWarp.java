package com.pawprint.merch.compose;

import java.awt.image.BufferedImage;

/**
 * Wraps a print round a cylinder seen straight from the front (orthographic): the mockup column at x shows the
 * print column at arc angle φ = asin((x - centreX) / radius), i.e. print u = centreU + φ · pixelsPerRadian. Rows
 * map linearly, so the design's centre column stays a straight vertical line and horizontal lines stay straight,
 * while the sides compress as they turn away.
 */
final class CylinderWarp {

    private final double centreX;
    private final double radius;
    private final double bandTop;
    private final double bandBottom;
    private final double centreU;
    private final int printHeight;
    private final double pixelsPerRadian;

    /**
     * @param pixelsPerRadian print pixels per radian of arc: the cylinder's radius in inches times the print DPI
     */
    CylinderWarp(double centreX, double radius, double bandTop, double bandBottom, double centreU, int printHeight,
                 double pixelsPerRadian) {
        this.centreX = centreX;
        this.radius = radius;
        this.bandTop = bandTop;
        this.bandBottom = bandBottom;
        this.centreU = centreU;
        this.printHeight = printHeight;
        this.pixelsPerRadian = pixelsPerRadian;
    }

    /** Paints the print (RGB) onto the product layer (ARGB) where the product is, bilinearly sampled. */
    void paint(BufferedImage print, BufferedImage product) {
        int size = product.getWidth();
        int[] dst = Argb.pixels(product);
        int printWidth = print.getWidth();
        int[] src = Argb.pixels(print);
        int fromY = Math.max(0, (int) Math.ceil(bandTop));
        int toY = Math.min(product.getHeight(), (int) Math.floor(bandBottom));
        for (int x = (int) Math.ceil(centreX - radius); x <= (int) Math.floor(centreX + radius); x++) {
            if (x < 0 || x >= size) {
                continue;
            }
            double s = (x + 0.5 - centreX) / radius;
            if (s <= -1 || s >= 1) {
                continue;
            }
            double u = centreU + Math.asin(s) * pixelsPerRadian - 0.5;
            if (u < 0 || u > printWidth - 1) {
                continue;
            }
            for (int y = fromY; y < toY; y++) {
                int d = y * size + x;
                int alpha = dst[d] >>> 24;
                if (alpha == 0) {
                    continue;
                }
                double v = (y + 0.5 - bandTop) / (bandBottom - bandTop) * printHeight - 0.5;
                dst[d] = alpha << 24 | bilinear(src, printWidth, printHeight, u, v);
            }
        }
    }

    private static int bilinear(int[] src, int width, int height, double u, double v) {
        double cu = Math.max(0, Math.min(width - 1, u));
        double cv = Math.max(0, Math.min(height - 1, v));
        int x0 = (int) cu;
        int y0 = (int) cv;
        int x1 = Math.min(width - 1, x0 + 1);
        int y1 = Math.min(height - 1, y0 + 1);
        double fx = cu - x0;
        double fy = cv - y0;
        int a = src[y0 * width + x0];
        int b = src[y0 * width + x1];
        int c = src[y1 * width + x0];
        int d = src[y1 * width + x1];
        int result = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double top = ((a >> shift) & 0xFF) * (1 - fx) + ((b >> shift) & 0xFF) * fx;
            double bottom = ((c >> shift) & 0xFF) * (1 - fx) + ((d >> shift) & 0xFF) * fx;
            result |= (int) Math.round(top * (1 - fy) + bottom * fy) << shift;
        }
        return result;
    }
}
