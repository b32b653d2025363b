package com.pawprint.labeling.service;

import com.pawprint.contracts.PetProfile;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The captioner that needs no weights: breed and species from the pet record, and what {@link ImageAnalyzer}
 * measures (coat and background colour, framing, lighting). It names no pose or action: those it cannot measure.
 */
public final class BasicCaptioner implements Captioner {

    private final ImageAnalyzer analyzer = new ImageAnalyzer();

    @Override
    public String name() {
        return "basic";
    }

    @Override
    public String caption(BufferedImage photo, PetProfile pet) {
        ImageAnalysis analysis = analyzer.analyze(photo);
        return Tags.caption(pet, List.of(analysis.subjectColor() + " fur", analysis.framing(), analysis.lighting(),
                analysis.backgroundColor() + " background"));
    }
}
