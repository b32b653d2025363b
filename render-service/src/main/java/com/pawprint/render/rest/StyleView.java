package com.pawprint.render.rest;

import java.util.List;

/** A style preset and the merch products it serves. */
public record StyleView(String id, String description, String prompt, String negativePrompt, String sampler,
                        int steps, double cfgScale, double loraStrength, int width, int height, int variants,
                        List<String> products) {
}
