package com.pawprint.diffusion.prompt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A1111's "Original" emphasis ({@code modules/sd_emphasis.py}, {@code EmphasisOriginal}): each token's row of the
 * text encoder's output is multiplied by the token's weight, then the chunk is scaled so that its mean over all
 * tokens and channels is what it was before. Without that rescale a few heavy weights shift the whole embedding and
 * give artefacts; A1111 calls the rescale likely not correct but working, and it is what its images are made with.
 */
public final class OriginalEmphasis {

    private OriginalEmphasis() {
    }

    /**
     * @param hidden  {@code [chunks, tokens, hidden]}: the encoder's output, one chunk per row of the first axis
     * @param weights {@code [chunks, tokens]} multipliers
     * @return the weighted embedding, in {@code hidden}'s data type; each chunk keeps its own mean, because A1111
     *         weights every chunk as it comes out of the encoder
     */
    public static NDArray apply(NDArray hidden, NDArray weights) {
        Shape shape = hidden.getShape();
        if (shape.dimension() != 3 || !weights.getShape().equals(new Shape(shape.get(0), shape.get(1)))) {
            throw new IllegalArgumentException("weights " + weights.getShape() + " do not fit the embedding "
                    + shape);
        }
        // Weighted in float32, whatever the model runs in, so half precision does not round every product.
        NDArray z = hidden.toType(DataType.FLOAT32, false);
        NDArray weighted = z.mul(weights.toType(DataType.FLOAT32, false).toDevice(z.getDevice(), false)
                .expandDims(2));
        NDArray ratio = chunkMeans(z).div(chunkMeans(weighted)).toType(DataType.FLOAT32, false);
        NDArray restored = weighted.mul(ratio);
        return restored.toType(hidden.getDataType(), false);
    }

    /**
     * {@code [chunks, 1, 1]}: each chunk's mean over tokens and channels, in float64. A chunk's mean is small next
     * to its values (the final layer norm centres every row), so a float32 sum of its 59,136 values would leave the
     * ratio of two such means uncertain in the sixth digit.
     */
    private static NDArray chunkMeans(NDArray embedding) {
        long chunks = embedding.getShape().get(0);
        return embedding.toType(DataType.FLOAT64, false).reshape(chunks, -1).mean(new int[] {1}, true)
                .reshape(chunks, 1, 1);
    }
}
