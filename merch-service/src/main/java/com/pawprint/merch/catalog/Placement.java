package com.pawprint.merch.catalog;

import java.util.Objects;

/**
 * Where a design is printed on a product: the print area in inches (the trim size for paper goods), the DPI the
 * printer wants, and how the file is made. {@code bleedInches} is added on every side of the file; the safe area
 * lies {@code safeInches} inside the trim. {@code outlineInches} > 0 gives a die-cut sticker its white border and
 * a cut line.
 */
public record Placement(
        String id,
        double widthInches,
        double heightInches,
        int dpi,
        FillMode fill,
        FileFormat format,
        BackgroundPolicy background,
        double bleedInches,
        double safeInches,
        double outlineInches) {

    public Placement {
        Objects.requireNonNull(id, "placement id is required");
        if (widthInches <= 0 || heightInches <= 0) {
            throw new IllegalArgumentException("placement " + id + ": print area must be positive");
        }
        if (dpi < 72 || dpi > 600) {
            throw new IllegalArgumentException("placement " + id + ": dpi must be between 72 and 600, got " + dpi);
        }
        Objects.requireNonNull(fill, "placement " + id + ": fill is required");
        Objects.requireNonNull(format, "placement " + id + ": format is required");
        Objects.requireNonNull(background, "placement " + id + ": background is required");
        if (bleedInches < 0 || safeInches < 0 || outlineInches < 0) {
            throw new IllegalArgumentException("placement " + id + ": bleed, safe and outline must not be negative");
        }
    }

    /** Width of the print file in pixels, bleed included. */
    public int pixelWidth() {
        return (int) Math.round((widthInches + 2 * bleedInches) * dpi);
    }

    /** Height of the print file in pixels, bleed included. */
    public int pixelHeight() {
        return (int) Math.round((heightInches + 2 * bleedInches) * dpi);
    }

    public boolean dieCut() {
        return outlineInches > 0;
    }
}
