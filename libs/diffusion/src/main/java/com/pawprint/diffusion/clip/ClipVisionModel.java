package com.pawprint.diffusion.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import com.pawprint.diffusion.nn.LayerNorm;
import com.pawprint.diffusion.nn.Weights;

import java.util.List;

/**
 * CLIP's vision tower ({@code CLIPVisionModel}): patch embeddings, {@code pre_layrnorm} (transformers' spelling),
 * the same {@link ClipEncoder} as the text tower without a mask, and {@code post_layernorm} on the class position.
 * Loaded from the checkpoint root, so its weights are {@code vision_model.embeddings.patch_embedding.weight},
 * {@code vision_model.encoder.layers.0.self_attn.q_proj.weight}, ..., {@code vision_model.post_layernorm.weight}.
 */
public final class ClipVisionModel {

    private final ClipVisionConfig config;
    private final ClipVisionEmbeddings embeddings;
    private final LayerNorm preLayrnorm;
    private final ClipEncoder encoder;
    private final LayerNorm postLayernorm;

    private ClipVisionModel(ClipVisionConfig config, ClipVisionEmbeddings embeddings, LayerNorm preLayrnorm,
                            ClipEncoder encoder, LayerNorm postLayernorm) {
        this.config = config;
        this.embeddings = embeddings;
        this.preLayrnorm = preLayrnorm;
        this.encoder = encoder;
        this.postLayernorm = postLayernorm;
    }

    /** @param root the checkpoint root (the view that holds {@code vision_model}) */
    public static ClipVisionModel load(Weights root, ClipVisionConfig config) {
        Weights visionModel = root.at("vision_model");
        return new ClipVisionModel(config,
                ClipVisionEmbeddings.load(visionModel.at("embeddings"), config),
                LayerNorm.load(visionModel.at("pre_layrnorm"), config.hiddenSize(), config.layerNormEps()),
                ClipEncoder.load(visionModel.at("encoder"), config.encoder()),
                LayerNorm.load(visionModel.at("post_layernorm"), config.hiddenSize(), config.layerNormEps()));
    }

    public ClipVisionConfig config() {
        return config;
    }

    /** {@code pixelValues}: {@code [B, C, image, image]}, normalized as {@link ClipImageProcessor} does. */
    public ClipVisionOutput forward(NDArray pixelValues) {
        NDArray hidden = preLayrnorm.forward(embeddings.forward(pixelValues));
        List<NDArray> states = encoder.forward(hidden, null, encoder.layerCount());
        NDArray last = states.get(states.size() - 1);
        return new ClipVisionOutput(last, postLayernorm.forward(last.get(new NDIndex(":, 0, :"))));
    }
}
