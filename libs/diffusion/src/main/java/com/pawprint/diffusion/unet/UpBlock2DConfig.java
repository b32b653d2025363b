package com.pawprint.diffusion.unet;

import com.pawprint.diffusion.resnet.ResnetBlock2DConfig;

/**
 * Shape of an up block's resnets and upsampler ({@link UpBlock2D}, and the resnet half of
 * {@link CrossAttnUpBlock2D}). Every resnet reads the previous output concatenated with one skip connection.
 *
 * @param inChannels channels of the block's last skip connection (the matching down block's input)
 * @param prevOutputChannels channels coming from the block below
 * @param outChannels channels of every resnet's output
 * @param timeEmbeddingChannels width of the time embedding
 * @param layers resnets in the block (layers_per_block + 1 in the UNet). Default 1.
 * @param groups group-norm groups. Default 32.
 * @param eps group-norm epsilon. Default 1e-6.
 * @param addUpsample whether an {@link Upsample2D} ends the block (all but the last block). Default true.
 */
public record UpBlock2DConfig(int inChannels, int prevOutputChannels, int outChannels, int timeEmbeddingChannels,
        int layers, int groups, double eps, boolean addUpsample) {

    public UpBlock2DConfig {
        if (layers <= 0) {
            throw new IllegalArgumentException("an up block needs at least one layer, got " + layers);
        }
    }

    public static UpBlock2DConfig of(int inChannels, int prevOutputChannels, int outChannels,
            int timeEmbeddingChannels) {
        return new UpBlock2DConfig(inChannels, prevOutputChannels, outChannels, timeEmbeddingChannels, 1, 32, 1e-6,
                true);
    }

    public UpBlock2DConfig withUpsample(boolean add) {
        return new UpBlock2DConfig(inChannels, prevOutputChannels, outChannels, timeEmbeddingChannels, layers,
                groups, eps, add);
    }

    /** Channels of the skip connection resnet {@code index} consumes. */
    int skipChannels(int index) {
        return index == layers - 1 ? inChannels : outChannels;
    }

    ResnetBlock2DConfig resnet(int index) {
        int previous = index == 0 ? prevOutputChannels : outChannels;
        return new ResnetBlock2DConfig(previous + skipChannels(index), outChannels, timeEmbeddingChannels, groups,
                eps, 1.0);
    }
}
