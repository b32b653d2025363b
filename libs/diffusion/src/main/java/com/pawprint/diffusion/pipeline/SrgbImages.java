package com.pawprint.diffusion.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Decoded VAE output ({@code [B, 3, H, W]} in [-1, 1]) to 8-bit sRGB images, as diffusers' image processor does. */
final class SrgbImages {

    private SrgbImages() {
    }

    static List<BufferedImage> fromDecoded(NDArray decoded) {
        long[] dims = decoded.getShape().getShape();
        if (dims.length != 4 || dims[1] != 3) {
            throw new IllegalArgumentException("expected decoded images [B, 3, H, W], got " + decoded.getShape());
        }
        int batch = (int) dims[0];
        int height = (int) dims[2];
        int width = (int) dims[3];
        float[] values;
        try (NDArray unit = decoded.toType(DataType.FLOAT32, false).div(2).add(0.5).clip(0, 1)) {
            values = unit.toFloatArray();
        }
        int plane = width * height;
        List<BufferedImage> images = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            int[] rgb = new int[plane];
            int base = b * 3 * plane;
            for (int p = 0; p < plane; p++) {
                rgb[p] = toByte(values[base + p]) << 16 | toByte(values[base + plane + p]) << 8
                        | toByte(values[base + 2 * plane + p]);
            }
            image.setRGB(0, 0, width, height, rgb, 0, width);
            images.add(image);
        }
        return images;
    }

    /** Rounds as diffusers' {@code (x * 255).round()}. */
    private static int toByte(float unit) {
        return Math.round(unit * 255f);
    }
}
