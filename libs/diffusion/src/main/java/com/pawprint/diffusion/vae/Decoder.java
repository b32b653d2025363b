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
 * The VAE decoder: {@code conv_in}, {@code mid_block}, {@code up_blocks.i} (channels in reverse, one more resnet per
 * stage than the encoder), {@code conv_norm_out}, SiLU, {@code conv_out}.
 */
public final class Decoder {

    private final Conv2d convIn;
    private final UNetMidBlock2D midBlock;
    private final List<UpDecoderBlock2D> upBlocks;
    private final GroupNorm convNormOut;
    private final Conv2d convOut;

    private Decoder(Conv2d convIn, UNetMidBlock2D midBlock, List<UpDecoderBlock2D> upBlocks, GroupNorm convNormOut,
            Conv2d convOut) {
        this.convIn = convIn;
        this.midBlock = midBlock;
        this.upBlocks = upBlocks;
        this.convNormOut = convNormOut;
        this.convOut = convOut;
    }

    public static Decoder load(Weights weights, VaeConfig config) {
        List<Integer> channels = config.blockOutChannels();
        int stages = channels.size();
        int groups = config.normNumGroups();
        int last = channels.get(stages - 1);
        List<UpDecoderBlock2D> blocks = new ArrayList<>();
        for (int i = 0; i < stages; i++) {
            int input = channels.get(stages - 1 - Math.max(i - 1, 0));
            blocks.add(UpDecoderBlock2D.load(weights.at("up_blocks").at(i), input, channels.get(stages - 1 - i),
                    config.layersPerBlock() + 1, groups, i < stages - 1));
        }
        return new Decoder(
                Conv2d.load(weights.at("conv_in"), config.latentChannels(), last, 3, 1, 1, true),
                UNetMidBlock2D.load(weights.at("mid_block"), last, groups),
                List.copyOf(blocks),
                GroupNorm.load(weights.at("conv_norm_out"), groups, channels.get(0), VaeConfig.NORM_EPS),
                Conv2d.load(weights.at("conv_out"), channels.get(0), config.outChannels(), 3, 1, 1, true));
    }

    /** (batch, latentChannels, h, w) to (batch, outChannels, h x f, w x f). */
    public NDArray forward(NDArray latents) {
        NDArray h = ScopedForward.run(() -> midBlock.forward(convIn.forward(latents)));
        for (UpDecoderBlock2D block : upBlocks) {
            NDArray input = h;
            h = ScopedForward.run(() -> block.forward(input));
            input.close();
        }
        NDArray last = h;
        NDArray out = ScopedForward.run(() -> convOut.forward(Activations.silu(convNormOut.forward(last))));
        last.close();
        return out;
    }
}
