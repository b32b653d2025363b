package com.pawprint.diffusion.unet;

/**
 * Shape of a {@link CrossAttnDownBlock2D}: its resnets and downsampler, and one transformer after each resnet.
 *
 * @param block the resnets and downsampler
 * @param attention how the transformers attend
 */
public record CrossAttnDownBlock2DConfig(DownBlock2DConfig block, AttentionSettings attention) {
}
