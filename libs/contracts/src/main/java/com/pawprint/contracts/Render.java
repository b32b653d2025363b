package com.pawprint.contracts;

import java.util.Objects;
import java.util.UUID;

/**
 * One rendered design: where the image is and everything needed to render it again. {@code product} names the
 * merch product (catalogue id) the render was made for; null in events from before products had their own renders,
 * and then the design serves every product. The generation fields after {@code height} are null in such events too.
 *
 * @param previewKey   a web-size JPEG of the render
 * @param sampler      as A1111 names it, e.g. {@code DPM++ 2M Karras}
 * @param loraStrength the strength the pet's LoRA was applied with
 */
public record Render(
        UUID renderId,
        String key,
        String preset,
        String prompt,
        String negativePrompt,
        long seed,
        int width,
        int height,
        String product,
        String previewKey,
        Integer steps,
        String sampler,
        Double cfgScale,
        Double loraStrength) {

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
