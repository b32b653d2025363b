package com.pawprint.merch.compose;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A composed print file's pixels at the placement's size: ARGB where the background is transparent, RGB otherwise.
 * {@code cutLine} is the die-cut path as an image of the same size (null unless the placement is die-cut).
 */
public record PrintImage(BufferedImage image, BufferedImage cutLine, double effectiveDpi, List<String> warnings) {

    public PrintImage {
        warnings = List.copyOf(warnings);
    }
}
