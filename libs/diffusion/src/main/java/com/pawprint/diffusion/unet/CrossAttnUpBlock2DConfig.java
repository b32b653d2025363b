package com.pawprint.diffusion.unet;

/**
 * Shape of a {@link CrossAttnUpBlock2D}: its resnets and upsampler, and one transformer after each resnet.
 *
 * @param block the resnets and upsampler
 * @param attention how the transformers attend
 */
public record CrossAttnUpBlock2DConfig(UpBlock2DConfig block, AttentionSettings attention) {
}
