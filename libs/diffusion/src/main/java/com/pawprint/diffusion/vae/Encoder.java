package com.pawprint.diffusion.vae;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.nn.Activations;
import com.pawprint.diffusion.nn.Conv2d;
import com.pawprint.diffusion.nn.GroupNorm;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.unet.ScopedForward;
import java.util.ArrayList;
import java.util.List;

/**
 * The VAE encoder: {@code conv_in}, {@code down_blocks.i}, {@code mid_block}, {@code conv_norm_out}, SiLU,
 * {@code conv_out} to twice the latent channels (mean and log-variance).
 */
public final class Encoder {

    private final Conv2d convIn;
    private final List<DownEncoderBlock2D> downBlocks;
    private final UNetMidBlock2D midBlock;
    private final GroupNorm convNormOut;
    private final Conv2d convOut;

    private Encoder(Conv2d convIn, List<DownEncoderBlock2D> downBlocks, UNetMidBlock2D midBlock, GroupNorm convNormOut,
            Conv2d convOut) {
        this.convIn = convIn;
        this.downBlocks = downBlocks;
        this.midBlock = midBlock;
        this.convNormOut = convNormOut;
        this.convOut = convOut;
    }

    public static Encoder load(Weights weights, VaeConfig config) {
        List<Integer> channels = config.blockOutChannels();
        int groups = config.normNumGroups();
        int last = channels.get(channels.size() - 1);
        List<DownEncoderBlock2D> blocks = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            blocks.add(DownEncoderBlock2D.load(weights.at("down_blocks").at(i), channels.get(Math.max(i - 1, 0)),
                    channels.get(i), config.layersPerBlock(), groups, i < channels.size() - 1));
        }
        return new Encoder(
                Conv2d.load(weights.at("conv_in"), config.inChannels(), channels.get(0), 3, 1, 1, true),
                List.copyOf(blocks),
                UNetMidBlock2D.load(weights.at("mid_block"), last, groups),
                GroupNorm.load(weights.at("conv_norm_out"), groups, last, VaeConfig.NORM_EPS),
                Conv2d.load(weights.at("conv_out"), last, 2L * config.latentChannels(), 3, 1, 1, true));
    }

    /** (batch, inChannels, H, W) to (batch, 2 x latentChannels, H / f, W / f). */
    public NDArray forward(NDArray image) {
        NDArray h = ScopedForward.run(() -> convIn.forward(image));
        for (DownEncoderBlock2D block : downBlocks) {
            NDArray input = h;
            h = ScopedForward.run(() -> block.forward(input));
            input.close();
        }
        NDArray beforeMid = h;
        h = ScopedForward.run(() -> midBlock.forward(beforeMid));
        beforeMid.close();
        NDArray last = h;
        NDArray out = ScopedForward.run(() -> convOut.forward(Activations.silu(convNormOut.forward(last))));
        last.close();
        return out;
    }
}
