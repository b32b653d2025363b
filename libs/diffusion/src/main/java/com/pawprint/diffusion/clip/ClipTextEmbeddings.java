package com.pawprint.diffusion.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.pawprint.diffusion.nn.Embedding;
import com.pawprint.diffusion.nn.Weights;

/** Token plus learned absolute position embeddings ({@code embeddings.token_embedding} / {@code position_embedding}). */
public final class ClipTextEmbeddings {

    private final Embedding tokenEmbedding;
    private final Embedding positionEmbedding;
    private final int maxPositions;

    private ClipTextEmbeddings(Embedding tokenEmbedding, Embedding positionEmbedding, int maxPositions) {
        this.tokenEmbedding = tokenEmbedding;
        this.positionEmbedding = positionEmbedding;
        this.maxPositions = maxPositions;
    }

    public static ClipTextEmbeddings load(Weights w, ClipTextConfig config) {
        return new ClipTextEmbeddings(
                Embedding.load(w.at("token_embedding"), config.vocabSize(), config.hiddenSize()),
                Embedding.load(w.at("position_embedding"), config.maxPositionEmbeddings(), config.hiddenSize()),
                config.maxPositionEmbeddings());
    }

    /** {@code [B, T]} ids to {@code [B, T, hidden]}; positions are {@code 0..T-1}. */
    public NDArray forward(NDArray inputIds) {
        long tokens = inputIds.getShape().get(1);
        if (tokens > maxPositions) {
            throw new IllegalArgumentException(tokens + " tokens exceed the " + maxPositions + " positions");
        }
        NDArray positions = inputIds.getManager().arange(0, (int) tokens, 1, DataType.INT64, inputIds.getDevice())
                .expandDims(0);
        return tokenEmbedding.forward(inputIds).add(positionEmbedding.forward(positions));
    }
}
