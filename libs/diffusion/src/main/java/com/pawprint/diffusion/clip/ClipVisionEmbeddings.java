package com.pawprint.diffusion.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import com.pawprint.diffusion.nn.Conv2d;
import com.pawprint.diffusion.nn.Embedding;
import com.pawprint.diffusion.nn.Weights;

/**
 * ViT input ({@code embeddings}): non-overlapping patches projected by a strided convolution without bias
 * ({@code patch_embedding}), a learned {@code class_embedding} in front, plus learned {@code position_embedding}.
 */
public final class ClipVisionEmbeddings {

    private final ClipVisionConfig config;
    private final Conv2d patchEmbedding;
    private final NDArray classEmbedding;
    private final Embedding positionEmbedding;

    private ClipVisionEmbeddings(ClipVisionConfig config, Conv2d patchEmbedding, NDArray classEmbedding,
                                 Embedding positionEmbedding) {
        this.config = config;
        this.patchEmbedding = patchEmbedding;
        this.classEmbedding = classEmbedding;
        this.positionEmbedding = positionEmbedding;
    }

    public static ClipVisionEmbeddings load(Weights w, ClipVisionConfig config) {
        return new ClipVisionEmbeddings(config,
                Conv2d.load(w.at("patch_embedding"), config.numChannels(), config.hiddenSize(), config.patchSize(),
                        config.patchSize(), 0, false),
                w.get("class_embedding", config.hiddenSize()),
                Embedding.load(w.at("position_embedding"), config.numPositions(), config.hiddenSize()));
    }

    /** {@code [B, C, S, S]} pixels to {@code [B, 1 + patches, hidden]}. */
    public NDArray forward(NDArray pixelValues) {
        long[] shape = pixelValues.getShape().getShape();
        if (shape.length != 4 || shape[1] != config.numChannels() || shape[2] != config.imageSize()
                || shape[3] != config.imageSize()) {
            throw new IllegalArgumentException("pixel values must be [batch, " + config.numChannels() + ", "
                    + config.imageSize() + ", " + config.imageSize() + "], got " + pixelValues.getShape());
        }
        long batch = shape[0];
        NDArray patches = patchEmbedding.forward(pixelValues)       // [B, hidden, n, n]
                .reshape(batch, config.hiddenSize(), config.numPatches())
                .transpose(0, 2, 1);                                 // [B, patches, hidden]
        NDArray classTokens = classEmbedding.reshape(1, 1, config.hiddenSize())
                .broadcast(batch, 1, config.hiddenSize());
        NDArray tokens = NDArrays.concat(new ai.djl.ndarray.NDList(classTokens, patches), 1);
        NDArray positions = pixelValues.getManager()
                .arange(0, config.numPositions(), 1, DataType.INT64, pixelValues.getDevice()).expandDims(0);
        return tokens.add(positionEmbedding.forward(positions));
    }
}
