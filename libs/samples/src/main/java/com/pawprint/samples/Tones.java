package com.pawprint.samples;

import java.awt.Color;
import java.util.Random;

/** Colour arithmetic for painting. */
final class Tones {

    private Tones() {
    }

    static Color darker(Color color, double factor) {
        return new Color(clamp(color.getRed() * factor), clamp(color.getGreen() * factor),
                clamp(color.getBlue() * factor));
    }

    static Color lighter(Color color, double towardsWhite) {
        return new Color(clamp(color.getRed() + (255 - color.getRed()) * towardsWhite),
                clamp(color.getGreen() + (255 - color.getGreen()) * towardsWhite),
                clamp(color.getBlue() + (255 - color.getBlue()) * towardsWhite));
    }

    static Color withAlpha(Color color, int alpha) {
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), alpha);
    }

    /** The colour with its brightness moved randomly by up to {@code amount} (0..1). */
    static Color jitter(Color color, Random random, double amount) {
        double factor = 1 + (random.nextDouble() * 2 - 1) * amount;
        return darker(color, factor);
    }

    static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
}
