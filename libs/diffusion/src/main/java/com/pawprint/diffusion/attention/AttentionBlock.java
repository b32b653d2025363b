package com.pawprint.diffusion.attention;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.nn.Attention;
import com.pawprint.diffusion.nn.GroupNorm;
import com.pawprint.diffusion.nn.Linear;
import com.pawprint.diffusion.nn.Weights;

/**
 * Single-head self-attention over the pixels of a feature map, used in the VAE's mid blocks: {@code group_norm},
 * then {@code to_q}/{@code to_k}/{@code to_v}/{@code to_out.0} (all with bias) over the flattened spatial tokens, added
 * to the input. Uses diffusers' current names; checkpoints with the old {@code query}/{@code key}/{@code value}/
 * {@code proj_attn} names are renamed by the loaders.
 */
public final class AttentionBlock {

    private final int channels;
    private final int querySliceSize;
    private final GroupNorm groupNorm;
    private final Linear toQ;
    private final Linear toK;
    private final Linear toV;
    private final Linear toOut;

    private AttentionBlock(int channels, int querySliceSize, GroupNorm groupNorm, Linear toQ, Linear toK, Linear toV,
            Linear toOut) {
        this.channels = channels;
        this.querySliceSize = querySliceSize;
        this.groupNorm = groupNorm;
        this.toQ = toQ;
        this.toK = toK;
        this.toV = toV;
        this.toOut = toOut;
    }

    /**
     * @param groups group-norm groups (the VAE's {@code norm_num_groups})
     * @param eps group-norm epsilon (1e-6 in the VAE)
     * @param querySliceSize see {@link CrossAttentionConfig#querySliceSize()}
     */
    public static AttentionBlock load(Weights weights, int channels, int groups, double eps, int querySliceSize) {
        return new AttentionBlock(
                channels,
                querySliceSize,
                GroupNorm.load(weights.at("group_norm"), groups, channels, eps),
                Linear.load(weights.at("to_q"), channels, channels, true),
                Linear.load(weights.at("to_k"), channels, channels, true),
                Linear.load(weights.at("to_v"), channels, channels, true),
                Linear.load(weights.at("to_out").at(0), channels, channels, true));
    }

    /** (batch, channels, height, width) to the same shape. */
    public NDArray forward(NDArray x) {
        long[] shape = x.getShape().getShape();
        long batch = shape[0];
        long height = shape[2];
        long width = shape[3];
        NDArray tokens = groupNorm.forward(x).reshape(batch, channels, height * width).transpose(0, 2, 1);
        NDArray q = toQ.forward(tokens);
        NDArray k = toK.forward(tokens);
        NDArray v = toV.forward(tokens);
        tokens.close();
        NDArray attended = Attention.scaledDotProduct(q, k, v, 1, null, querySliceSize);
        q.close();
        k.close();
        v.close();
        NDArray out = toOut.forward(attended);
        attended.close();
        return out.transpose(0, 2, 1).reshape(batch, channels, height, width).add(x);
    }
}
