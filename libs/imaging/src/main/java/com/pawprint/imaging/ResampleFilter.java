package com.pawprint.imaging;

/**
 * Reconstruction kernels for {@link Resampler}. When shrinking, a kernel is stretched by the scale factor so
 * every source pixel contributes (antialiasing), as Pillow and libvips do.
 */
public enum ResampleFilter {
    /** Area average: each output pixel is the mean of the source pixels it covers. Fast, no ringing. */
    BOX(0.5),
    /** Catmull-Rom style cubic (a = -0.5). */
    BICUBIC(2.0),
    /** Lanczos with three lobes: the sharpest; what libvips' thumbnail uses by default. */
    LANCZOS3(3.0);

    private final double support;

    ResampleFilter(double support) {
        this.support = support;
    }

    double support() {
        return support;
    }

    double weight(double x) {
        double ax = Math.abs(x);
        return switch (this) {
            case BOX -> ax < 0.5 ? 1.0 : (ax == 0.5 ? 0.5 : 0.0);
            case BICUBIC -> cubic(ax, -0.5);
            case LANCZOS3 -> ax < 3.0 ? sinc(ax) * sinc(ax / 3.0) : 0.0;
        };
    }

    private static double cubic(double x, double a) {
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0;
        }
        if (x < 2.0) {
            return (((x - 5.0) * x + 8.0) * x - 4.0) * a;
        }
        return 0.0;
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }
}
