package com.pawprint.samples;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Random;

/** Lighting and sensor grain, applied to the painted layers as a camera would record them. */
final class Lights {

    private static final int GAUSSIAN_TABLE = 4096;

    private Lights() {
    }

    /** Relights the background ({@code TYPE_INT_RGB}); {@code glowX, glowY} is where a back light shines from. */
    static void background(BufferedImage image, Lighting lighting, double glowX, double glowY) {
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int width = image.getWidth();
        double glowRadius = Math.max(image.getWidth(), image.getHeight()) * 0.6;
        for (int i = 0; i < pixels.length; i++) {
            double glow = 0;
            if (lighting == Lighting.BACKLIT) {
                double dx = i % width - glowX;
                double dy = i / width - glowY;
                glow = Math.max(0, 1 - Math.sqrt(dx * dx + dy * dy) / glowRadius);
                glow = glow * glow;
            }
            pixels[i] = relight(pixels[i], lighting, false, glow);
        }
    }

    /** Relights the pet layer ({@code TYPE_INT_ARGB}), keeping its alpha. */
    static void subject(BufferedImage image, Lighting lighting) {
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int alpha = pixels[i] & 0xFF000000;
            if (alpha != 0) {
                pixels[i] = alpha | relight(pixels[i], lighting, true, 0);
            }
        }
    }

    /** Gaussian grain, stronger in dim light as on a real sensor. */
    static void grain(BufferedImage image, Lighting lighting, Random random) {
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        double sigma = lighting == Lighting.DIM ? 5.5 : 3.2;
        double[] gaussian = new double[GAUSSIAN_TABLE];
        for (int i = 0; i < gaussian.length; i++) {
            gaussian[i] = random.nextGaussian();
        }
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int draw = random.nextInt();
            double luminance = gaussian[draw & (GAUSSIAN_TABLE - 1)] * sigma;
            double chroma = gaussian[(draw >>> 12) & (GAUSSIAN_TABLE - 1)];
            pixels[i] = channel((p >> 16) & 0xFF, luminance + chroma) << 16
                    | channel((p >> 8) & 0xFF, luminance) << 8
                    | channel(p & 0xFF, luminance - chroma);
        }
    }

    private static int relight(int rgb, Lighting lighting, boolean subject, double glow) {
        double r = (rgb >> 16) & 0xFF;
        double g = (rgb >> 8) & 0xFF;
        double b = rgb & 0xFF;
        switch (lighting) {
            case DAYLIGHT -> {
                return rgb & 0xFFFFFF;
            }
            case BRIGHT -> {
                r = r * 1.18 + 14;
                g = g * 1.18 + 14;
                b = b * 1.15 + 12;
            }
            case DIM -> {
                r = r * 0.46;
                g = g * 0.42;
                b = b * 0.36;
            }
            case BACKLIT -> {
                if (subject) {
                    r = r * 0.55;
                    g = g * 0.55;
                    b = b * 0.58;
                } else {
                    double lift = 1.08 + 0.2 * glow;
                    r = r * lift + 14 + 60 * glow;
                    g = g * lift + 13 + 56 * glow;
                    b = b * lift + 10 + 45 * glow;
                }
            }
        }
        return Tones.clamp(r) << 16 | Tones.clamp(g) << 8 | Tones.clamp(b);
    }

    private static int channel(int value, double noise) {
        return Tones.clamp(value + noise);
    }
}
