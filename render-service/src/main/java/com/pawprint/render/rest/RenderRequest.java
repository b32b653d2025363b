package com.pawprint.render.rest;

/**
 * An on-demand render. A {@code preset} supplies every field not given; without one, {@code prompt} is required.
 * The pet's LoRA is added as {@code <lora:loraVersion:strength>} unless the prompt has its own {@code <lora:...>}
 * tags; {@code loraVersion} defaults to the pet's newest LoRA. {@code seed} absent picks one (it is recorded).
 */
public record RenderRequest(
        String preset,
        String prompt,
        String negativePrompt,
        String loraVersion,
        Double strength,
        Long seed,
        Integer steps,
        String sampler,
        Double cfgScale,
        Integer width,
        Integer height,
        Integer count) {
}
