package com.pawprint.diffusion.vae;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.attention.AttentionBlock;
import com.pawprint.diffusion.attention.CrossAttentionConfig;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.resnet.ResnetBlock2D;
import com.pawprint.diffusion.resnet.ResnetBlock2DConfig;
import com.pawprint.diffusion.unet.ScopedForward;

/** The VAE's bottleneck: {@code resnets.0}, single-head {@code attentions.0}, {@code resnets.1}. */
public final class UNetMidBlock2D {

    private final ResnetBlock2D first;
    private final AttentionBlock attention;
    private final ResnetBlock2D second;

    private UNetMidBlock2D(ResnetBlock2D first, AttentionBlock attention, ResnetBlock2D second) {
        this.first = first;
        this.attention = attention;
        this.second = second;
    }

    public static UNetMidBlock2D load(Weights weights, int channels, int groups) {
        ResnetBlock2DConfig resnet = new ResnetBlock2DConfig(channels, channels, 0, groups, VaeConfig.NORM_EPS, 1.0);
        return new UNetMidBlock2D(
                ResnetBlock2D.load(weights.at("resnets").at(0), resnet),
                AttentionBlock.load(weights.at("attentions").at(0), channels, groups, VaeConfig.NORM_EPS,
                        CrossAttentionConfig.DEFAULT_QUERY_SLICE_SIZE),
                ResnetBlock2D.load(weights.at("resnets").at(1), resnet));
    }

    public NDArray forward(NDArray x) {
        NDArray h = ScopedForward.run(() -> first.forward(x, null));
        NDArray attended = ScopedForward.run(() -> attention.forward(h));
        h.close();
        NDArray out = ScopedForward.run(() -> second.forward(attended, null));
        attended.close();
        return out;
    }
}
