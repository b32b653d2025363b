package com.pawprint.contracts;

import java.util.Objects;
import java.util.UUID;

/** One rendered design: where the image is and everything needed to render it again. */
public record Render(
        UUID renderId,
        String key,
        String preset,
        String prompt,
        String negativePrompt,
        long seed,
        int width,
        int height) {

    public Render {
        Objects.requireNonNull(renderId, "render renderId is required");
        Objects.requireNonNull(key, "render key is required");
        Objects.requireNonNull(preset, "render preset is required");
        Objects.requireNonNull(prompt, "render prompt is required");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("render size must be positive, got " + width + "x" + height);
        }
    }
}
