package com.pawprint.diffusion.lora;

import com.pawprint.diffusion.loader.StableDiffusionModels;
import com.pawprint.diffusion.nn.ModuleRegistry;
import com.pawprint.diffusion.nn.Weights;
import java.util.Objects;

/**
 * The loaded model a LoRA adapts: the module registries of its UNet and its text encoder, whose paths are diffusers
 * names ({@code down_blocks.0.attentions.0.proj_in}, {@code text_model.encoder.layers.0.self_attn.q_proj}).
 */
public record LoraBase(ModuleRegistry unet, ModuleRegistry textEncoder) {

    public LoraBase {
        Objects.requireNonNull(unet, "unet");
        Objects.requireNonNull(textEncoder, "textEncoder");
    }

    /** The registries of the views the UNet and the text encoder were loaded from. */
    public static LoraBase of(Weights unetWeights, Weights textEncoderWeights) {
        return new LoraBase(unetWeights.registry(), textEncoderWeights.registry());
    }

    /** The UNet and text encoder of loaded models. */
    public static LoraBase of(StableDiffusionModels models) {
        return new LoraBase(models.unetModules(), models.textEncoderModules());
    }

    /** A UNet without a text encoder (for UNet-only adapters). */
    public static LoraBase unetOnly(ModuleRegistry unet) {
        return new LoraBase(unet, new ModuleRegistry());
    }

    public ModuleRegistry registry(LoraComponent component) {
        return component == LoraComponent.UNET ? unet : textEncoder;
    }
}
