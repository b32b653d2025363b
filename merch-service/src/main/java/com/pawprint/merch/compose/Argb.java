package com.pawprint.merch.compose;

import com.pawprint.imaging.ResampleFilter;
import com.pawprint.imaging.Resampler;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** Pixel-array helpers for the INT_RGB / INT_ARGB images composition works on. */
public final class Argb {

    private Argb() {
    }

    public static int[] pixels(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    /** The image's alpha plane, 0-255 per pixel. */
    public static int[] alphaOf(BufferedImage argb) {
        int[] pixels = pixels(argb);
        int[] alpha = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            alpha[i] = pixels[i] >>> 24;
        }
        return alpha;
    }

    /** An opaque INT_RGB copy of an INT_ARGB image. */
    public static BufferedImage rgbOf(BufferedImage argb) {
        BufferedImage rgb = new BufferedImage(argb.getWidth(), argb.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] in = pixels(argb);
        int[] out = pixels(rgb);
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] & 0xFFFFFF;
        }
        return rgb;
    }

    /**
     * Resizes colour and, when given, alpha with the same kernel (libs/imaging's resampler works on RGB, so the
     * alpha plane travels as a grey image). Returns INT_ARGB when alpha is given, INT_RGB otherwise.
     */
    public static BufferedImage resize(BufferedImage rgb, int[] alpha, int width, int height,
                                       ResampleFilter filter) {
        BufferedImage colour = Resampler.resize(rgb, width, height, filter);
        if (alpha == null) {
            return colour;
        }
        BufferedImage grey = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] greyPixels = pixels(grey);
        for (int i = 0; i < alpha.length; i++) {
            greyPixels[i] = alpha[i] << 16 | alpha[i] << 8 | alpha[i];
        }
        int[] scaledAlpha = pixels(Resampler.resize(grey, width, height, filter));
        BufferedImage argb = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        int[] out = pixels(argb);
        int[] colourPixels = pixels(colour);
        for (int i = 0; i < out.length; i++) {
            out[i] = (scaledAlpha[i] & 0xFF) << 24 | (colourPixels[i] & 0xFFFFFF);
        }
        return argb;
    }

    /** Source-over of a non-premultiplied ARGB pixel onto an opaque RGB pixel. */
    public static int over(int top, int bottom) {
        int a = top >>> 24;
        if (a == 255) {
            return top & 0xFFFFFF;
        }
        if (a == 0) {
            return bottom & 0xFFFFFF;
        }
        int inverse = 255 - a;
        int r = (((top >> 16) & 0xFF) * a + ((bottom >> 16) & 0xFF) * inverse + 127) / 255;
        int g = (((top >> 8) & 0xFF) * a + ((bottom >> 8) & 0xFF) * inverse + 127) / 255;
        int b = ((top & 0xFF) * a + (bottom & 0xFF) * inverse + 127) / 255;
        return r << 16 | g << 8 | b;
    }

    /** An opaque RGB image: a transparent one flattened onto white (paper, a white mug), an opaque one as it is. */
    public static BufferedImage onWhite(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] in = pixels(image);
        int[] out = pixels(rgb);
        for (int i = 0; i < in.length; i++) {
            out[i] = over(in[i], 0xFFFFFF);
        }
        return rgb;
    }

    /**
     * Averages {@code factor} x {@code factor} blocks: a cheap first step before a large reduction, so the
     * Lanczos pass that follows works on a few times the target size instead of the whole source (Pillow's
     * reducing gap).
     */
    public static int[] reduce(int[] pixels, int width, int height, int factor, int[] out) {
        int outWidth = width / factor;
        int outHeight = height / factor;
        int area = factor * factor;
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                int a = 0;
                int r = 0;
                int g = 0;
                int b = 0;
                for (int dy = 0; dy < factor; dy++) {
                    int row = (y * factor + dy) * width + x * factor;
                    for (int dx = 0; dx < factor; dx++) {
                        int pixel = pixels[row + dx];
                        a += pixel >>> 24;
                        r += (pixel >> 16) & 0xFF;
                        g += (pixel >> 8) & 0xFF;
                        b += pixel & 0xFF;
                    }
                }
                out[y * outWidth + x] = (a / area) << 24 | (r / area) << 16 | (g / area) << 8 | (b / area);
            }
        }
        return out;
    }
}
