package com.pawprint.labeling.service;

import java.util.Comparator;
import java.util.List;

/**
 * The colour words captions use, each with a representative sRGB value. A measured colour gets the word whose value
 * is nearest in CIELAB (perceptual distance), not in RGB, so "navy" and "black" are told apart as people do.
 */
public final class NamedColors {

    public record NamedColor(String name, int rgb, double[] lab) {
    }

    private static final List<NamedColor> VOCABULARY = List.of(
            // coat colours
            of("black", 0x2A2624), of("white", 0xEDE9E1), of("gray", 0x8A8B8F), of("orange", 0xD27A34),
            of("brown", 0x7B4F2D), of("cream", 0xE2CDA2), of("golden", 0xD3A04E),
            // backgrounds and everything else
            of("beige", 0xD9C7A5), of("light blue", 0xA9C9E2), of("sage green", 0xA4B895), of("pink", 0xE6B3BE),
            of("lavender", 0xBCAFD9), of("teal", 0x3F8688), of("navy", 0x2D3F68), of("mustard", 0xC69C32),
            of("red", 0xA8322E), of("green", 0x5C9A3A), of("blue", 0x2F5DB0), of("yellow", 0xE8D44D),
            of("purple", 0x6A3D8F));

    private NamedColors() {
    }

    public static List<NamedColor> vocabulary() {
        return VOCABULARY;
    }

    public static NamedColor nearest(double[] lab) {
        return VOCABULARY.stream().min(Comparator.comparingDouble(c -> distance(c.lab(), lab))).orElseThrow();
    }

    public static double distance(double[] a, double[] b) {
        double dl = a[0] - b[0];
        double da = a[1] - b[1];
        double db = a[2] - b[2];
        return Math.sqrt(dl * dl + da * da + db * db);
    }

    /** sRGB (0xRRGGBB) to CIELAB under D65. */
    public static double[] lab(int rgb) {
        double r = linear((rgb >> 16) & 0xFF);
        double g = linear((rgb >> 8) & 0xFF);
        double b = linear(rgb & 0xFF);
        double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static NamedColor of(String name, int rgb) {
        return new NamedColor(name, rgb, lab(rgb));
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }
}
