package com.pawprint.diffusion.unet;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.nn.Activations;
import com.pawprint.diffusion.nn.Linear;
import com.pawprint.diffusion.nn.Weights;

/** {@code linear_1 -> SiLU -> linear_2}: sinusoidal features to the time embedding the resnets read. */
public final class TimestepEmbedding {

    private final Linear linear1;
    private final Linear linear2;

    private TimestepEmbedding(Linear linear1, Linear linear2) {
        this.linear1 = linear1;
        this.linear2 = linear2;
    }

    /**
     * @param channels width of the sinusoidal features (block_out_channels[0])
     * @param embeddingDim width of the embedding (4 x block_out_channels[0] in SD 1.5)
     */
    public static TimestepEmbedding load(Weights weights, int channels, int embeddingDim) {
        return new TimestepEmbedding(
                Linear.load(weights.at("linear_1"), channels, embeddingDim, true),
                Linear.load(weights.at("linear_2"), embeddingDim, embeddingDim, true));
    }

    /** (batch, channels) to (batch, embeddingDim). */
    public NDArray forward(NDArray features) {
        return linear2.forward(Activations.silu(linear1.forward(features)));
    }
}
