package com.pawprint.diffusion.lora;

/**
 * How strongly a LoRA is applied to each model, as A1111's {@code <lora:name:te[:unet]>}: the multiplier of the
 * text-encoder modules and of the UNet modules.
 */
public record LoraStrength(double textEncoder, double unet) {

    public LoraStrength {
        if (!Double.isFinite(textEncoder) || !Double.isFinite(unet)) {
            throw new IllegalArgumentException("LoRA strengths must be finite, got te " + textEncoder + ", unet " + unet);
        }
    }

    /** The same multiplier for both models. */
    public static LoraStrength of(double multiplier) {
        return new LoraStrength(multiplier, multiplier);
    }

    public double of(LoraComponent component) {
        return component == LoraComponent.UNET ? unet : textEncoder;
    }
}
