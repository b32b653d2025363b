package com.pawprint.diffusion.resnet;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.nn.Activations;
import com.pawprint.diffusion.nn.Conv2d;
import com.pawprint.diffusion.nn.GroupNorm;
import com.pawprint.diffusion.nn.Linear;
import com.pawprint.diffusion.nn.Scalars;
import com.pawprint.diffusion.nn.Weights;

/**
 * Residual block: {@code norm1 -> SiLU -> conv1 (+ time_emb_proj(SiLU(temb))) -> norm2 -> SiLU -> conv2}, added to the
 * input (through {@code conv_shortcut} when the channel count changes). Dropout is omitted: it is zero at inference
 * and in SD 1.5 training.
 */
public final class ResnetBlock2D {

    private final ResnetBlock2DConfig config;
    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final Linear timeEmbProj;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d convShortcut;

    private ResnetBlock2D(ResnetBlock2DConfig config, GroupNorm norm1, Conv2d conv1, Linear timeEmbProj,
            GroupNorm norm2, Conv2d conv2, Conv2d convShortcut) {
        this.config = config;
        this.norm1 = norm1;
        this.conv1 = conv1;
        this.timeEmbProj = timeEmbProj;
        this.norm2 = norm2;
        this.conv2 = conv2;
        this.convShortcut = convShortcut;
    }

    public static ResnetBlock2D load(Weights weights, ResnetBlock2DConfig config) {
        int in = config.inChannels();
        int out = config.outChannels();
        return new ResnetBlock2D(
                config,
                GroupNorm.load(weights.at("norm1"), config.groups(), in, config.eps()),
                Conv2d.load(weights.at("conv1"), in, out, 3, 1, 1, true),
                config.hasTimeEmbedding()
                        ? Linear.load(weights.at("time_emb_proj"), config.timeEmbeddingChannels(), out, true)
                        : null,
                GroupNorm.load(weights.at("norm2"), config.groups(), out, config.eps()),
                Conv2d.load(weights.at("conv2"), out, out, 3, 1, 1, true),
                config.usesConvShortcut() ? Conv2d.load(weights.at("conv_shortcut"), in, out, 1, 1, 0, true) : null);
    }

    public ResnetBlock2DConfig config() {
        return config;
    }

    /**
     * @param x (batch, in, height, width)
     * @param timeEmbedding (batch, timeEmbeddingChannels), or null for a block without time embedding
     * @return (batch, out, height, width)
     */
    public NDArray forward(NDArray x, NDArray timeEmbedding) {
        if (config.hasTimeEmbedding() != (timeEmbedding != null)) {
            throw new IllegalArgumentException(config.hasTimeEmbedding()
                    ? "this block needs a time embedding of width " + config.timeEmbeddingChannels()
                    : "this block has no time_emb_proj but was given a time embedding");
        }
        NDArray h = normActivateConvolve(norm1, conv1, x);
        if (timeEmbedding != null) {
            NDArray projected = timeEmbProj.forward(Activations.silu(timeEmbedding));
            long[] shape = projected.getShape().getShape();
            NDArray withTime = h.add(projected.reshape(shape[0], shape[1], 1, 1));
            projected.close();
            h.close();
            h = withTime;
        }
        NDArray residual = normActivateConvolve(norm2, conv2, h);
        h.close();
        NDArray shortcut = convShortcut == null ? x : convShortcut.forward(x);
        NDArray sum = shortcut.add(residual);
        residual.close();
        if (shortcut != x) {
            shortcut.close();
        }
        return config.outputScaleFactor() == 1.0 ? sum : Scalars.div(sum, config.outputScaleFactor());
    }

    /** {@code conv(SiLU(norm(x)))}, releasing the two full-size temporaries as soon as they are used. */
    private static NDArray normActivateConvolve(GroupNorm norm, Conv2d conv, NDArray x) {
        NDArray normed = norm.forward(x);
        NDArray activated = Activations.silu(normed);
        normed.close();
        NDArray out = conv.forward(activated);
        activated.close();
        return out;
    }
}
