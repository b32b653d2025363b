package com.pawprint.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Separable, antialiased resampling of {@link BufferedImage#TYPE_INT_RGB} images: a horizontal pass then a
 * vertical pass, each output pixel a weighted sum of the source pixels under the (scaled) kernel. Weights are
 * fixed-point integers, so a pass is integer multiply-adds only. Rows are spread over the common pool when the
 * image is large enough for that to pay.
 */
public final class Resampler {

    private static final int PRECISION_BITS = 22;
    private static final int ROUNDING = 1 << (PRECISION_BITS - 1);
    private static final int PARALLEL_THRESHOLD_PIXELS = 1 << 20;

    private Resampler() {
    }

    /** Scales {@code image} so its long side is at most {@code maxLongSide}; smaller images come back as they are. */
    public static BufferedImage fitLongSide(BufferedImage image, int maxLongSide, ResampleFilter filter) {
        int width = image.getWidth();
        int height = image.getHeight();
        int longSide = Math.max(width, height);
        if (longSide <= maxLongSide) {
            return image;
        }
        double scale = (double) maxLongSide / longSide;
        int outWidth = Math.max(1, (int) Math.round(width * scale));
        int outHeight = Math.max(1, (int) Math.round(height * scale));
        return resize(image, outWidth, outHeight, filter);
    }

    /** Resizes to exactly {@code outWidth} x {@code outHeight}. */
    public static BufferedImage resize(BufferedImage image, int outWidth, int outHeight, ResampleFilter filter) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("expects TYPE_INT_RGB, got type " + image.getType());
        }
        int width = image.getWidth();
        int height = image.getHeight();
        boolean parallel = (long) width * height >= PARALLEL_THRESHOLD_PIXELS;
        // Horizontal first: it reads each (large) source row once; the vertical pass then works on the narrow
        // intermediate, whose rows under one kernel stay in cache.
        int[] horizontal = pixels(image);
        if (outWidth != width) {
            int[] in = horizontal;
            int[] out = new int[outWidth * height];
            Kernel kernel = Kernel.of(width, outWidth, filter);
            rows(height, parallel).forEach(y -> horizontalRow(in, width, out, outWidth, y, kernel));
            horizontal = out;
        }
        BufferedImage result = new BufferedImage(outWidth, outHeight, BufferedImage.TYPE_INT_RGB);
        int[] dst = pixels(result);
        if (outHeight == height) {
            System.arraycopy(horizontal, 0, dst, 0, dst.length);
            return result;
        }
        int[] in = horizontal;
        Kernel kernel = Kernel.of(height, outHeight, filter);
        rows(outHeight, parallel).forEach(y -> verticalRow(in, outWidth, dst, y, kernel));
        return result;
    }

    private static IntStream rows(int count, boolean parallel) {
        IntStream rows = IntStream.range(0, count);
        return parallel ? rows.parallel() : rows;
    }

    private static void horizontalRow(int[] in, int width, int[] out, int outWidth, int y, Kernel kernel) {
        int inRow = y * width;
        int outRow = y * outWidth;
        for (int x = 0; x < outWidth; x++) {
            int first = inRow + kernel.first[x];
            int taps = kernel.count[x];
            int weightOffset = x * kernel.stride;
            int r = ROUNDING;
            int g = ROUNDING;
            int b = ROUNDING;
            for (int k = 0; k < taps; k++) {
                int weight = kernel.weights[weightOffset + k];
                int rgb = in[first + k];
                r += ((rgb >> 16) & 0xFF) * weight;
                g += ((rgb >> 8) & 0xFF) * weight;
                b += (rgb & 0xFF) * weight;
            }
            out[outRow + x] = pack(r, g, b);
        }
    }

    private static void verticalRow(int[] in, int width, int[] out, int y, Kernel kernel) {
        int first = kernel.first[y];
        int taps = kernel.count[y];
        int weightOffset = y * kernel.stride;
        // Tap-major order walks the source rows sequentially instead of striding down columns.
        int[] r = new int[width];
        int[] g = new int[width];
        int[] b = new int[width];
        Arrays.fill(r, ROUNDING);
        Arrays.fill(g, ROUNDING);
        Arrays.fill(b, ROUNDING);
        for (int k = 0; k < taps; k++) {
            int weight = kernel.weights[weightOffset + k];
            int row = (first + k) * width;
            for (int x = 0; x < width; x++) {
                int rgb = in[row + x];
                r[x] += ((rgb >> 16) & 0xFF) * weight;
                g[x] += ((rgb >> 8) & 0xFF) * weight;
                b[x] += (rgb & 0xFF) * weight;
            }
        }
        int outRow = y * width;
        for (int x = 0; x < width; x++) {
            out[outRow + x] = pack(r[x], g[x], b[x]);
        }
    }

    private static int pack(int r, int g, int b) {
        return clamp(r >> PRECISION_BITS) << 16 | clamp(g >> PRECISION_BITS) << 8 | clamp(b >> PRECISION_BITS);
    }

    private static int clamp(int value) {
        return value < 0 ? 0 : Math.min(value, 255);
    }

    static int[] pixels(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    /** Per output position: the first source index, the number of taps and their fixed-point weights. */
    private static final class Kernel {
        final int[] first;
        final int[] count;
        final int[] weights;
        final int stride;

        private Kernel(int[] first, int[] count, int[] weights, int stride) {
            this.first = first;
            this.count = count;
            this.weights = weights;
            this.stride = stride;
        }

        static Kernel of(int inSize, int outSize, ResampleFilter filter) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filter.support() * filterScale;
            int stride = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[outSize];
            int[] count = new int[outSize];
            int[] weights = new int[outSize * stride];
            double[] raw = new double[stride];
            for (int i = 0; i < outSize; i++) {
                double center = (i + 0.5) * scale;
                int min = Math.max(0, (int) Math.floor(center - support));
                int max = Math.min(inSize, (int) Math.ceil(center + support));
                int taps = Math.min(max - min, stride);
                double sum = 0;
                for (int k = 0; k < taps; k++) {
                    raw[k] = filter.weight((min + k + 0.5 - center) / filterScale);
                    sum += raw[k];
                }
                first[i] = min;
                count[i] = taps;
                for (int k = 0; k < taps; k++) {
                    double normalized = sum == 0 ? 0 : raw[k] / sum;
                    weights[i * stride + k] = (int) Math.round(normalized * (1 << PRECISION_BITS));
                }
            }
            return new Kernel(first, count, weights, stride);
        }
    }
}
