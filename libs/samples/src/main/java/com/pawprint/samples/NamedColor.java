package com.pawprint.samples;

import java.awt.Color;

/** A colour with the plain word a caption would use for it. */
public record NamedColor(String name, int rgb) {

    public Color color() {
        return new Color(rgb);
    }
}
