package com.pawprint.labeling.service;

import com.pawprint.contracts.PetProfile;

import java.awt.image.BufferedImage;

/**
 * Writes the caption of one training photo: trigger token and class word first (kohya's keep_tokens keeps that tag
 * in place while the others are shuffled), then what the captioner can tell about the photo.
 */
public interface Captioner {

    /** {@code basic} or {@code clip}, stored with each dataset. */
    String name();

    String caption(BufferedImage photo, PetProfile pet);
}
