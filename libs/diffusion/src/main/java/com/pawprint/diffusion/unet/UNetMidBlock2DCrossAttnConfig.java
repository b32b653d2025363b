package com.pawprint.diffusion.unet;

import com.pawprint.diffusion.resnet.ResnetBlock2DConfig;

/**
 * Shape of a {@link UNetMidBlock2DCrossAttn}.
 *
 * @param channels channels in and out (block_out_channels[-1])
 * @param timeEmbeddingChannels width of the time embedding
 * @param layers attention + resnet pairs after the first resnet. Default 1.
 * @param groups group-norm groups. Default 32.
 * @param eps resnet group-norm epsilon. Default 1e-6; the UNet passes norm_eps.
 * @param outputScaleFactor resnet output scale (the UNet's mid_block_scale_factor). Default 1.
 * @param attention how the transformers attend
 */
public record UNetMidBlock2DCrossAttnConfig(int channels, int timeEmbeddingChannels, int layers, int groups,
        double eps, double outputScaleFactor, AttentionSettings attention) {

    ResnetBlock2DConfig resnet() {
        return new ResnetBlock2DConfig(channels, channels, timeEmbeddingChannels, groups, eps, outputScaleFactor);
    }
}
