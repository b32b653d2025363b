package com.pawprint.merch.compose;

/**
 * The lighting of a product surface at a point (coordinates as fractions of the mockup's size): a multiply factor
 * (folds, curvature, weave darken the colour and the design alike) and a highlight added on top (sheen, gloss).
 */
interface Shade {

    double multiply(double x, double y);

    double highlight(double x, double y);

    /** A deterministic value in [-1, 1] per pixel: grain that a printed product has and a flat fill lacks. */
    static double grain(int x, int y) {
        int h = x * 73856093 ^ y * 19349663;
        h ^= h >>> 13;
        h *= 0x5bd1e995;
        h ^= h >>> 15;
        return ((h & 0xFFFF) / 32767.5) - 1.0;
    }
}
