package com.pawprint.samples;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * A generated photo and its answer key.
 *
 * @param spec what the photo shows (species, coat, eyes, pose, scene, background colour, lighting)
 * @param seed the seed that, with {@code spec}, reproduces {@code image} exactly
 * @param subjectBounds where the pet is, in pixels
 */
public record SyntheticPet(PetSpec spec, long seed, BufferedImage image, Rectangle subjectBounds) {
}
