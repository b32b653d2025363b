package com.pawprint.samples;

import java.awt.Color;

/** Iris colours. */
public enum EyeColor {
    GREEN("green", 0x6DA544),
    AMBER("amber", 0xD9962B),
    BLUE("blue", 0x5C9BD6),
    BROWN("brown", 0x5A3418),
    YELLOW("yellow", 0xE3CF3A);

    private final String label;
    private final int rgb;

    EyeColor(String label, int rgb) {
        this.label = label;
        this.rgb = rgb;
    }

    public String label() {
        return label;
    }

    public int rgb() {
        return rgb;
    }

    Color color() {
        return new Color(rgb);
    }
}
