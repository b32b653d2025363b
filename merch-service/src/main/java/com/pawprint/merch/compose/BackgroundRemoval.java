package com.pawprint.merch.compose;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

/**
 * Removes a plain background: its colour is the median of the image border, every pixel connected to the border
 * within {@code tolerance} (Euclidean RGB distance) of it is background, and the edge of the mask is feathered with
 * a box blur so the subject has no jagged outline. Subject pixels enclosed by the subject stay opaque even if they
 * match the background colour, because the fill only grows from the border.
 */
public final class BackgroundRemoval {

    private BackgroundRemoval() {
    }

    /** Alpha (0-255) per pixel of a {@code TYPE_INT_RGB} image, row-major. */
    public static int[] alpha(BufferedImage rgb, int tolerance, int featherPixels) {
        int width = rgb.getWidth();
        int height = rgb.getHeight();
        int[] pixels = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        int background = borderMedian(pixels, width, height);
        boolean[] isBackground = floodFromBorder(pixels, width, height, background, tolerance);
        int[] alpha = new int[pixels.length];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = isBackground[i] ? 0 : 255;
        }
        return featherPixels > 0 ? Blur.box(alpha, width, height, featherPixels) : alpha;
    }

    static int borderMedian(int[] pixels, int width, int height) {
        int ring = Math.max(1, Math.min(width, height) / 100);
        int count = 0;
        int[][] channels = new int[3][2 * ring * (width + height)];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean border = x < ring || y < ring || x >= width - ring || y >= height - ring;
                if (!border) {
                    x = width - ring - 1;
                    continue;
                }
                if (count == channels[0].length) {
                    break;
                }
                int rgb = pixels[y * width + x];
                channels[0][count] = (rgb >> 16) & 0xFF;
                channels[1][count] = (rgb >> 8) & 0xFF;
                channels[2][count] = rgb & 0xFF;
                count++;
            }
        }
        int median = 0;
        for (int c = 0; c < 3; c++) {
            int[] values = Arrays.copyOf(channels[c], count);
            Arrays.sort(values);
            median = median << 8 | values[count / 2];
        }
        return median;
    }

    private static boolean[] floodFromBorder(int[] pixels, int width, int height, int background, int tolerance) {
        boolean[] visited = new boolean[pixels.length];
        int[] queue = new int[pixels.length];
        int head = 0;
        int tail = 0;
        long limit = (long) tolerance * tolerance;
        for (int x = 0; x < width; x++) {
            tail = seed(pixels, visited, queue, tail, x, background, limit);
            tail = seed(pixels, visited, queue, tail, (height - 1) * width + x, background, limit);
        }
        for (int y = 0; y < height; y++) {
            tail = seed(pixels, visited, queue, tail, y * width, background, limit);
            tail = seed(pixels, visited, queue, tail, y * width + width - 1, background, limit);
        }
        while (head < tail) {
            int index = queue[head++];
            int x = index % width;
            int y = index / width;
            if (x > 0) {
                tail = seed(pixels, visited, queue, tail, index - 1, background, limit);
            }
            if (x < width - 1) {
                tail = seed(pixels, visited, queue, tail, index + 1, background, limit);
            }
            if (y > 0) {
                tail = seed(pixels, visited, queue, tail, index - width, background, limit);
            }
            if (y < height - 1) {
                tail = seed(pixels, visited, queue, tail, index + width, background, limit);
            }
        }
        return visited;
    }

    private static int seed(int[] pixels, boolean[] visited, int[] queue, int tail, int index, int background,
                            long limit) {
        if (visited[index] || distanceSquared(pixels[index], background) > limit) {
            return tail;
        }
        visited[index] = true;
        queue[tail] = index;
        return tail + 1;
    }

    private static long distanceSquared(int a, int b) {
        int dr = ((a >> 16) & 0xFF) - ((b >> 16) & 0xFF);
        int dg = ((a >> 8) & 0xFF) - ((b >> 8) & 0xFF);
        int db = (a & 0xFF) - (b & 0xFF);
        return (long) dr * dr + (long) dg * dg + (long) db * db;
    }
}
