package com.pawprint.diffusion.attention;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.nn.LayerNorm;
import com.pawprint.diffusion.nn.Weights;

/**
 * Pre-norm transformer block: self-attention ({@code norm1}, {@code attn1}), cross-attention on the text
 * ({@code norm2}, {@code attn2}) and a GEGLU feed-forward ({@code norm3}, {@code ff}), each added to its input.
 */
public final class BasicTransformerBlock {

    /** Epsilon of the three layer norms (diffusers' default). */
    public static final double LAYER_NORM_EPS = 1e-5;

    private final LayerNorm norm1;
    private final CrossAttention attn1;
    private final LayerNorm norm2;
    private final CrossAttention attn2;
    private final LayerNorm norm3;
    private final FeedForward ff;

    private BasicTransformerBlock(LayerNorm norm1, CrossAttention attn1, LayerNorm norm2, CrossAttention attn2,
            LayerNorm norm3, FeedForward ff) {
        this.norm1 = norm1;
        this.attn1 = attn1;
        this.norm2 = norm2;
        this.attn2 = attn2;
        this.norm3 = norm3;
        this.ff = ff;
    }

    /**
     * @param dim token width (the transformer's inner width)
     * @param contextDim text-encoder width used by {@code attn2}
     * @param querySliceSize see {@link CrossAttentionConfig#querySliceSize()}
     */
    public static BasicTransformerBlock load(Weights weights, int dim, int heads, int contextDim, int querySliceSize) {
        return new BasicTransformerBlock(
                LayerNorm.load(weights.at("norm1"), dim, LAYER_NORM_EPS),
                CrossAttention.load(weights.at("attn1"),
                        CrossAttentionConfig.selfAttention(dim, heads).withQuerySliceSize(querySliceSize)),
                LayerNorm.load(weights.at("norm2"), dim, LAYER_NORM_EPS),
                CrossAttention.load(weights.at("attn2"),
                        CrossAttentionConfig.crossAttention(dim, contextDim, heads).withQuerySliceSize(querySliceSize)),
                LayerNorm.load(weights.at("norm3"), dim, LAYER_NORM_EPS),
                FeedForward.load(weights.at("ff"), dim));
    }

    /**
     * @param x (batch, tokens, dim)
     * @param context (batch, contextTokens, contextDim)
     */
    public NDArray forward(NDArray x, NDArray context) {
        NDArray h = addAndRelease(x, attend(attn1, norm1, x, null), false);
        h = addAndRelease(h, attend(attn2, norm2, h, context), true);
        NDArray normed = norm3.forward(h);
        NDArray fed = ff.forward(normed);
        normed.close();
        return addAndRelease(h, fed, true);
    }

    private static NDArray attend(CrossAttention attention, LayerNorm norm, NDArray x, NDArray context) {
        NDArray normed = norm.forward(x);
        NDArray out = attention.forward(normed, context);
        normed.close();
        return out;
    }

    private static NDArray addAndRelease(NDArray input, NDArray residual, boolean inputIsTemporary) {
        NDArray sum = input.add(residual);
        residual.close();
        if (inputIsTemporary) {
            input.close();
        }
        return sum;
    }
}
