package com.pawprint.samples;

import java.awt.Color;

/** Base coat colours, with the plain word a caption would use for them. */
public enum FurColor {
    BLACK("black", 0x2A2624),
    WHITE("white", 0xEDE9E1),
    GREY("grey", 0x8A8B8F),
    ORANGE("orange", 0xD27A34),
    BROWN("brown", 0x7B4F2D),
    CREAM("cream", 0xE2CDA2),
    GOLDEN("golden", 0xD3A04E);

    private final String label;
    private final int rgb;

    FurColor(String label, int rgb) {
        this.label = label;
        this.rgb = rgb;
    }

    public String label() {
        return label;
    }

    /** The coat's colour as painted, before lighting, shading and grain. */
    public int rgb() {
        return rgb;
    }

    public Color color() {
        return new Color(rgb);
    }

    boolean isDark() {
        return this == BLACK || this == GREY || this == BROWN;
    }
}
