package com.pawprint.render.style;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.pawprint.diffusion.schedulers.SamplerKind;

import java.util.Objects;

/**
 * A style for products, as a WebUI user would set it up: the prompt template places the pet's trigger token
 * ({@code {trigger}}) and class word ({@code {class}}); the LoRA is applied with {@code loraStrength} (0.6-0.8 keeps
 * the pet without looking stiff). Sizes are multiples of 8 (the VAE's factor).
 *
 * @param variants images per product, seeds {@code seed, seed + 1, ...}
 */
public record StylePreset(
        String description,
        String prompt,
        @JsonProperty("negative_prompt") String negativePrompt,
        String sampler,
        Integer steps,
        @JsonProperty("cfg_scale") Double cfgScale,
        @JsonProperty("lora_strength") Double loraStrength,
        Integer width,
        Integer height,
        Integer variants) {

    public static final double DEFAULT_LORA_STRENGTH = 0.7;
    public static final String DEFAULT_SAMPLER = "DPM++ 2M Karras";
    public static final int DEFAULT_STEPS = 25;
    public static final double DEFAULT_CFG_SCALE = 7.0;
    public static final int DEFAULT_SIDE = 512;
    public static final int DEFAULT_VARIANTS = 1;

    public StylePreset {
        Objects.requireNonNull(prompt, "a style needs a prompt");
        description = description == null ? "" : description;
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
        sampler = sampler == null ? DEFAULT_SAMPLER : sampler;
        SamplerKind.fromName(sampler);
        steps = steps == null ? DEFAULT_STEPS : steps;
        cfgScale = cfgScale == null ? DEFAULT_CFG_SCALE : cfgScale;
        loraStrength = loraStrength == null ? DEFAULT_LORA_STRENGTH : loraStrength;
        width = width == null ? DEFAULT_SIDE : width;
        height = height == null ? DEFAULT_SIDE : height;
        variants = variants == null ? DEFAULT_VARIANTS : variants;
        if (width % 8 != 0 || height % 8 != 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a style's size must be positive multiples of 8, got " + width + "x"
                    + height);
        }
        if (steps < 1 || variants < 1) {
            throw new IllegalArgumentException("a style needs at least one step and one variant");
        }
    }

    /** The prompt for a pet: the template with its trigger token and class word in place. */
    public String promptFor(String triggerToken, String classWord) {
        return fillIn(prompt, triggerToken, classWord);
    }

    /** {@code template} with {@code {trigger}} and {@code {class}} in place. */
    public static String fillIn(String template, String triggerToken, String classWord) {
        return template.replace("{trigger}", triggerToken).replace("{class}", classWord);
    }

    /** This style at another size and number of variants (a product's own needs). */
    public StylePreset sized(Integer newWidth, Integer newHeight, Integer newVariants) {
        return new StylePreset(description, prompt, negativePrompt, sampler, steps, cfgScale, loraStrength,
                newWidth == null ? width : newWidth, newHeight == null ? height : newHeight,
                newVariants == null ? variants : newVariants);
    }
}
