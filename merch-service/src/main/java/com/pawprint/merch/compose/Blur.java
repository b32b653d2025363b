package com.pawprint.merch.compose;

/** Box blur of a single-channel plane (values 0-255), separable, with running sums. */
final class Blur {

    private Blur() {
    }

    static int[] box(int[] plane, int width, int height, int radius) {
        int[] horizontal = new int[plane.length];
        int window = 2 * radius + 1;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            int sum = 0;
            for (int k = -radius; k <= radius; k++) {
                sum += plane[row + clamp(k, width)];
            }
            for (int x = 0; x < width; x++) {
                horizontal[row + x] = sum / window;
                sum += plane[row + clamp(x + radius + 1, width)] - plane[row + clamp(x - radius, width)];
            }
        }
        int[] out = new int[plane.length];
        for (int x = 0; x < width; x++) {
            int sum = 0;
            for (int k = -radius; k <= radius; k++) {
                sum += horizontal[clamp(k, height) * width + x];
            }
            for (int y = 0; y < height; y++) {
                out[y * width + x] = sum / window;
                sum += horizontal[clamp(y + radius + 1, height) * width + x]
                        - horizontal[clamp(y - radius, height) * width + x];
            }
        }
        return out;
    }

    private static int clamp(int index, int size) {
        return index < 0 ? 0 : Math.min(index, size - 1);
    }
}
