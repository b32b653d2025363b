package com.pawprint.diffusion.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import com.pawprint.diffusion.nn.Linear;
import com.pawprint.diffusion.nn.Weights;

/**
 * Both CLIP towers with their projections into one embedding space ({@code CLIPModel}), for zero-shot scoring of
 * images against texts. Weights: {@code text_model.*}, {@code vision_model.*}, {@code text_projection.weight},
 * {@code visual_projection.weight} (no biases) and the scalar {@code logit_scale} (a log temperature).
 */
public final class ClipModel {

    private final ClipConfig config;
    private final ClipTextModel textModel;
    private final ClipVisionModel visionModel;
    private final Linear textProjection;
    private final Linear visualProjection;
    private final NDArray logitScale;

    private ClipModel(ClipConfig config, ClipTextModel textModel, ClipVisionModel visionModel, Linear textProjection,
                      Linear visualProjection, NDArray logitScale) {
        this.config = config;
        this.textModel = textModel;
        this.visionModel = visionModel;
        this.textProjection = textProjection;
        this.visualProjection = visualProjection;
        this.logitScale = logitScale;
    }

    public static ClipModel load(Weights root, ClipConfig config) {
        return new ClipModel(config,
                ClipTextModel.load(root, config.text()),
                ClipVisionModel.load(root, config.vision()),
                Linear.load(root.at("text_projection"), config.text().hiddenSize(), config.projectionDim(), false),
                Linear.load(root.at("visual_projection"), config.vision().hiddenSize(), config.projectionDim(),
                        false),
                root.get("logit_scale"));
    }

    public ClipConfig config() {
        return config;
    }

    public ClipVisionModel visionModel() {
        return visionModel;
    }

    /** {@code [B, C, S, S]} pixels to unit-length {@code [B, projection]} image embeddings. */
    public NDArray imageEmbeds(NDArray pixelValues) {
        return unit(visualProjection.forward(visionModel.forward(pixelValues).pooledOutput()));
    }

    /**
     * {@code [B, T]} token ids to unit-length {@code [B, projection]} text embeddings. Each text is pooled at its
     * first end-of-text token, the highest id in CLIP's vocabulary, as transformers does.
     */
    public NDArray textEmbeds(NDArray inputIds) {
        NDArray hidden = textModel.forward(inputIds).lastHiddenState();
        long[] ids = inputIds.toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray();
        int batch = (int) inputIds.getShape().get(0);
        int tokens = (int) inputIds.getShape().get(1);
        NDList pooled = new NDList(batch);
        for (int b = 0; b < batch; b++) {
            int end = 0;
            for (int t = 1; t < tokens; t++) {
                if (ids[b * tokens + t] > ids[b * tokens + end]) {
                    end = t;
                }
            }
            pooled.add(hidden.get(new NDIndex("{}, {}, :", b, end)));
        }
        return unit(textProjection.forward(NDArrays.stack(pooled)));
    }

    /** {@code exp(logit_scale)} times the cosine similarity: {@code [images, texts]}, softmax over texts per image. */
    public NDArray logitsPerImage(NDArray imageEmbeds, NDArray textEmbeds) {
        return imageEmbeds.matMul(textEmbeds.transpose()).mul(logitScale.exp());
    }

    private static NDArray unit(NDArray embeds) {
        return embeds.div(embeds.norm(new int[] {-1}, true));
    }
}
