package com.pawprint.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The EXIF Orientation tag (0x0112): how the stored pixels must be transformed to be shown upright.
 * Named after the transform that makes them upright.
 */
public enum Orientation {
    NORMAL(1),
    MIRROR_HORIZONTAL(2),
    ROTATE_180(3),
    MIRROR_VERTICAL(4),
    TRANSPOSE(5),
    ROTATE_90_CLOCKWISE(6),
    TRANSVERSE(7),
    ROTATE_270_CLOCKWISE(8);

    private final int exifValue;

    Orientation(int exifValue) {
        this.exifValue = exifValue;
    }

    public int exifValue() {
        return exifValue;
    }

    /** The orientation for an EXIF value; values outside 1..8 (seen in the wild) mean {@link #NORMAL}. */
    public static Orientation fromExif(int value) {
        for (Orientation orientation : values()) {
            if (orientation.exifValue == value) {
                return orientation;
            }
        }
        return NORMAL;
    }

    /** Whether applying this orientation swaps width and height. */
    public boolean swapsAxes() {
        return exifValue >= 5;
    }

    /**
     * Applies the transform to a {@link BufferedImage#TYPE_INT_RGB} image and returns the upright image
     * (the same instance for {@link #NORMAL}).
     */
    public BufferedImage apply(BufferedImage image) {
        if (this == NORMAL) {
            return image;
        }
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("expects TYPE_INT_RGB, got type " + image.getType());
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int outWidth = swapsAxes() ? height : width;
        int outHeight = swapsAxes() ? width : height;
        BufferedImage upright = new BufferedImage(outWidth, outHeight, BufferedImage.TYPE_INT_RGB);
        int[] src = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int[] dst = ((DataBufferInt) upright.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                dst[targetIndex(x, y, width, height, outWidth)] = src[row + x];
            }
        }
        return upright;
    }

    private int targetIndex(int x, int y, int width, int height, int outWidth) {
        return switch (this) {
            case NORMAL -> y * outWidth + x;
            case MIRROR_HORIZONTAL -> y * outWidth + (width - 1 - x);
            case ROTATE_180 -> (height - 1 - y) * outWidth + (width - 1 - x);
            case MIRROR_VERTICAL -> (height - 1 - y) * outWidth + x;
            case TRANSPOSE -> x * outWidth + y;
            case ROTATE_90_CLOCKWISE -> x * outWidth + (height - 1 - y);
            case TRANSVERSE -> (width - 1 - x) * outWidth + (height - 1 - y);
            case ROTATE_270_CLOCKWISE -> (width - 1 - x) * outWidth + y;
        };
    }
}
