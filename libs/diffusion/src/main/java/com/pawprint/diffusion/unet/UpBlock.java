package com.pawprint.diffusion.unet;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** A UNet decoder stage: {@link UpBlock2D} or {@link CrossAttnUpBlock2D}. */
public sealed interface UpBlock permits UpBlock2D, CrossAttnUpBlock2D {

    /** Skip connections the block consumes (its resnet count). */
    int skipCount();

    /**
     * @param x (batch, prevOutputChannels, h, w)
     * @param skips the block's skip connections in the order the down blocks produced them (the last is used first)
     * @param timeEmbedding (batch, timeEmbeddingChannels)
     * @param context (batch, tokens, crossAttentionDim); ignored by blocks without attention
     * @param upsampleSize (height, width) to upsample to, or null for twice the input size
     */
    NDArray forward(NDArray x, List<NDArray> skips, NDArray timeEmbedding, NDArray context, long[] upsampleSize);
}
