package com.pawprint.diffusion.clip;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * CLIP's image preprocessing ({@code CLIPImageProcessor}): resize so the shortest side is the model's image size
 * (bicubic, antialiased when shrinking, as PIL does), center crop to a square, scale to 0-1 and normalize with
 * OpenAI CLIP's per-channel mean and standard deviation. Output is channel-first RGB.
 */
public final class ClipImageProcessor {

    /** OpenAI CLIP's normalization (transformers OPENAI_CLIP_MEAN / OPENAI_CLIP_STD). */
    public static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    public static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private static final double BICUBIC_A = -0.5;
    private static final double BICUBIC_SUPPORT = 2.0;

    private final int size;

    public ClipImageProcessor(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** {@code [3, size, size]} values, channel-first, normalized. */
    public float[] preprocess(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int shortSide = Math.min(width, height);
        // transformers' get_resize_output_image_size truncates the long side
        int outWidth = width == shortSide ? size : (int) ((long) size * width / shortSide);
        int outHeight = height == shortSide ? size : (int) ((long) size * height / shortSide);
        float[][] rgb = channels(image);
        float[][] resized = new float[3][];
        for (int c = 0; c < 3; c++) {
            float[] horizontal = resizeAxis(rgb[c], width, height, outWidth, true);
            resized[c] = resizeAxis(horizontal, outWidth, height, outHeight, false);
        }
        int top = (outHeight - size) / 2;
        int left = (outWidth - size) / 2;
        float[] pixels = new float[3 * size * size];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    float value = Math.min(255f, Math.max(0f, Math.round(resized[c][(y + top) * outWidth + x + left])))
                            / 255f;
                    pixels[c * size * size + y * size + x] = (value - MEAN[c]) / STD[c];
                }
            }
        }
        return pixels;
    }

    /** {@code [B, 3, size, size]} pixel values for a batch of images. */
    public NDArray pixelValues(List<BufferedImage> images, NDManager manager) {
        float[] batch = new float[images.size() * 3 * size * size];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(preprocess(images.get(i)), 0, batch, i * 3 * size * size, 3 * size * size);
        }
        return manager.create(batch, new Shape(images.size(), 3, size, size));
    }

    private static float[][] channels(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        float[][] rgb = new float[3][argb.length];
        for (int i = 0; i < argb.length; i++) {
            rgb[0][i] = (argb[i] >> 16) & 0xFF;
            rgb[1][i] = (argb[i] >> 8) & 0xFF;
            rgb[2][i] = argb[i] & 0xFF;
        }
        return rgb;
    }

    /** Resamples one axis of a {@code width x height} plane with a (PIL-style) antialiased bicubic filter. */
    private static float[] resizeAxis(float[] plane, int width, int height, int outLength, boolean horizontal) {
        int inLength = horizontal ? width : height;
        int outWidth = horizontal ? outLength : width;
        int outHeight = horizontal ? height : outLength;
        float[] out = new float[outWidth * outHeight];
        double scale = (double) inLength / outLength;
        double filterScale = Math.max(1.0, scale);
        double support = BICUBIC_SUPPORT * filterScale;
        for (int o = 0; o < outLength; o++) {
            double center = (o + 0.5) * scale;
            int first = Math.max(0, (int) (center - support + 0.5));
            int last = Math.min(inLength, (int) (center + support + 0.5));
            double[] weights = new double[last - first];
            double total = 0;
            for (int i = first; i < last; i++) {
                double weight = cubic((i - center + 0.5) / filterScale);
                weights[i - first] = weight;
                total += weight;
            }
            for (int k = 0; k < weights.length; k++) {
                weights[k] = total == 0 ? 0 : weights[k] / total;
            }
            int lines = horizontal ? height : width;
            for (int line = 0; line < lines; line++) {
                double sum = 0;
                for (int i = first; i < last; i++) {
                    int index = horizontal ? line * width + i : i * width + line;
                    sum += plane[index] * weights[i - first];
                }
                int target = horizontal ? line * outWidth + o : o * outWidth + line;
                out[target] = (float) sum;
            }
        }
        return out;
    }

    private static double cubic(double x) {
        double ax = Math.abs(x);
        if (ax < 1) {
            return ((BICUBIC_A + 2) * ax - (BICUBIC_A + 3)) * ax * ax + 1;
        }
        if (ax < 2) {
            return (((ax - 5) * ax + 8) * ax - 4) * BICUBIC_A;
        }
        return 0;
    }
}
