package com.pawprint.diffusion.unet;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/** A UNet encoder stage: {@link DownBlock2D} or {@link CrossAttnDownBlock2D}. */
public sealed interface DownBlock permits DownBlock2D, CrossAttnDownBlock2D {

    /**
     * @param x (batch, inChannels, h, w)
     * @param timeEmbedding (batch, timeEmbeddingChannels)
     * @param context (batch, tokens, crossAttentionDim); ignored by blocks without attention
     */
    Output forward(NDArray x, NDArray timeEmbedding, NDArray context);

    /**
     * @param hidden the block's output, passed to the next block
     * @param skips one state per resnet (after its attention) plus the downsampled state, in order; the up blocks
     *     consume them in reverse
     */
    record Output(NDArray hidden, List<NDArray> skips) {

        public Output {
            skips = List.copyOf(skips);
        }

        /** Every array of the output, for moving it out of a scope. */
        public List<NDArray> arrays() {
            List<NDArray> all = new ArrayList<>(skips);
            all.add(hidden);
            return all;
        }
    }
}
