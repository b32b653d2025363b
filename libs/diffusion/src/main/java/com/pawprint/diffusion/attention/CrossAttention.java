package com.pawprint.diffusion.attention;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.nn.Attention;
import com.pawprint.diffusion.nn.Linear;
import com.pawprint.diffusion.nn.Weights;

/**
 * Multi-head attention of the UNet's transformer blocks (diffusers {@code Attention} with the default processor):
 * {@code to_q}, {@code to_k}, {@code to_v} without bias, {@code to_out.0} with bias.
 */
public final class CrossAttention {

    private final CrossAttentionConfig config;
    private final Linear toQ;
    private final Linear toK;
    private final Linear toV;
    private final Linear toOut;

    private CrossAttention(CrossAttentionConfig config, Linear toQ, Linear toK, Linear toV, Linear toOut) {
        this.config = config;
        this.toQ = toQ;
        this.toK = toK;
        this.toV = toV;
        this.toOut = toOut;
    }

    public static CrossAttention load(Weights weights, CrossAttentionConfig config) {
        int inner = config.innerDim();
        return new CrossAttention(
                config,
                Linear.load(weights.at("to_q"), config.queryDim(), inner, false),
                Linear.load(weights.at("to_k"), config.contextDim(), inner, false),
                Linear.load(weights.at("to_v"), config.contextDim(), inner, false),
                Linear.load(weights.at("to_out").at(0), inner, config.queryDim(), true));
    }

    public CrossAttentionConfig config() {
        return config;
    }

    /**
     * @param x (batch, tokens, queryDim)
     * @param context (batch, contextTokens, contextDim), or null for self-attention
     * @return (batch, tokens, queryDim)
     */
    public NDArray forward(NDArray x, NDArray context) {
        NDArray keysFrom = context == null ? x : context;
        NDArray q = toQ.forward(x);
        NDArray k = toK.forward(keysFrom);
        NDArray v = toV.forward(keysFrom);
        NDArray attended = Attention.scaledDotProduct(q, k, v, config.heads(), null, config.querySliceSize());
        q.close();
        k.close();
        v.close();
        NDArray out = toOut.forward(attended);
        attended.close();
        return out;
    }
}
