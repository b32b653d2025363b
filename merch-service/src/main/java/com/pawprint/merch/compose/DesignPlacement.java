package com.pawprint.merch.compose;

/**
 * Where a design goes inside a print area, as a client asks for it: the design's centre in inches from the print
 * area's top-left corner (trim corner for paper goods; null = the area's centre), a scale relative to the largest
 * size that fits the area (1 = fit), and a clockwise rotation in degrees.
 */
public record DesignPlacement(Double centreXInches, Double centreYInches, double scale, double rotationDegrees) {

    public static final DesignPlacement FIT = new DesignPlacement(null, null, 1.0, 0.0);

    public DesignPlacement {
        if (!(scale > 0) || scale > 10) {
            throw new IllegalArgumentException("scale must be above 0 and at most 10, got " + scale);
        }
        if (!Double.isFinite(rotationDegrees)) {
            throw new IllegalArgumentException("rotation must be a number of degrees");
        }
    }
}
