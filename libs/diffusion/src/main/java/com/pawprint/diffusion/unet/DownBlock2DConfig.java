package com.pawprint.diffusion.unet;

import com.pawprint.diffusion.resnet.ResnetBlock2DConfig;

/**
 * Shape of a down block's resnets and downsampler ({@link DownBlock2D}, and the resnet half of
 * {@link CrossAttnDownBlock2D}).
 *
 * @param inChannels channels entering the block
 * @param outChannels channels of every resnet's output
 * @param timeEmbeddingChannels width of the time embedding (4 x block_out_channels[0])
 * @param layers resnets in the block. Default 1; SD 1.5's layers_per_block is 2.
 * @param groups group-norm groups. Default 32.
 * @param eps group-norm epsilon. Default 1e-6; the UNet passes norm_eps (1e-5).
 * @param addDownsample whether a {@link Downsample2D} ends the block (all but the last block). Default true.
 * @param downsamplePadding padding of the downsampling convolution. Default 1.
 */
public record DownBlock2DConfig(int inChannels, int outChannels, int timeEmbeddingChannels, int layers, int groups,
        double eps, boolean addDownsample, int downsamplePadding) {

    public DownBlock2DConfig {
        if (layers <= 0) {
            throw new IllegalArgumentException("a down block needs at least one layer, got " + layers);
        }
    }

    public static DownBlock2DConfig of(int inChannels, int outChannels, int timeEmbeddingChannels) {
        return new DownBlock2DConfig(inChannels, outChannels, timeEmbeddingChannels, 1, 32, 1e-6, true,
                Downsample2D.DEFAULT_PADDING);
    }

    public DownBlock2DConfig withDownsample(boolean add) {
        return new DownBlock2DConfig(inChannels, outChannels, timeEmbeddingChannels, layers, groups, eps, add,
                downsamplePadding);
    }

    ResnetBlock2DConfig resnet(int index) {
        return new ResnetBlock2DConfig(index == 0 ? inChannels : outChannels, outChannels, timeEmbeddingChannels,
                groups, eps, 1.0);
    }
}
