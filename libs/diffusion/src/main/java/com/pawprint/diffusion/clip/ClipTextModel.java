package com.pawprint.diffusion.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.nn.LayerNorm;
import com.pawprint.diffusion.nn.Weights;
import java.util.List;

/**
 * The CLIP text encoder SD conditions on ({@code CLIPTextModel}): embeddings, a causally masked
 * {@link ClipEncoder}, final layer norm. Loaded from the checkpoint root, so its weights are
 * {@code text_model.embeddings.token_embedding.weight}, {@code text_model.encoder.layers.0.self_attn.q_proj.weight},
 * ..., {@code text_model.final_layer_norm.weight}, exactly as in diffusers' {@code text_encoder/}.
 */
public final class ClipTextModel {

    private final ClipTextConfig config;
    private final ClipTextEmbeddings embeddings;
    private final ClipEncoder encoder;
    private final LayerNorm finalLayerNorm;

    private ClipTextModel(ClipTextConfig config, ClipTextEmbeddings embeddings, ClipEncoder encoder,
            LayerNorm finalLayerNorm) {
        this.config = config;
        this.embeddings = embeddings;
        this.encoder = encoder;
        this.finalLayerNorm = finalLayerNorm;
    }

    /** @param root the checkpoint root (the view that holds {@code text_model}) */
    public static ClipTextModel load(Weights root, ClipTextConfig config) {
        Weights textModel = root.at("text_model");
        return new ClipTextModel(config,
                ClipTextEmbeddings.load(textModel.at("embeddings"), config),
                ClipEncoder.load(textModel.at("encoder"), config.encoder()),
                LayerNorm.load(textModel.at("final_layer_norm"), config.hiddenSize(), config.layerNormEps()));
    }

    public ClipTextConfig config() {
        return config;
    }

    /** Runs every layer; {@code inputIds} is {@code [B, T]} with {@code T <= max_position_embeddings}. */
    public ClipTextOutput forward(NDArray inputIds) {
        List<NDArray> states = run(inputIds, encoder.layerCount());
        return new ClipTextOutput(finalLayerNorm.forward(states.get(states.size() - 1)), states);
    }

    /**
     * The prompt embedding SD's UNet attends to: {@code clipSkip} 1 is {@code last_hidden_state}; {@code clipSkip} n
     * takes the output n-1 layers before the last and applies the final layer norm (as diffusers and A1111 do).
     * Layers after the one used are not run.
     */
    public NDArray encode(NDArray inputIds, int clipSkip) {
        if (clipSkip < 1 || clipSkip > encoder.layerCount()) {
            throw new IllegalArgumentException("clip skip must lie in [1, " + encoder.layerCount() + "], got "
                    + clipSkip);
        }
        List<NDArray> states = run(inputIds, encoder.layerCount() - (clipSkip - 1));
        return finalLayerNorm.forward(states.get(states.size() - 1));
    }

    private List<NDArray> run(NDArray inputIds, int layers) {
        if (inputIds.getShape().dimension() != 2) {
            throw new IllegalArgumentException("input ids must be [batch, tokens], got " + inputIds.getShape());
        }
        NDArray hidden = embeddings.forward(inputIds);
        NDArray mask = causalMask((int) inputIds.getShape().get(1), hidden);
        return encoder.forward(hidden, mask, layers);
    }

    /** {@code [1, 1, T, T]}: 0 on and below the diagonal, -inf above, so a token never sees later tokens. */
    private static NDArray causalMask(int tokens, NDArray like) {
        float[] values = new float[tokens * tokens];
        for (int row = 0; row < tokens; row++) {
            for (int column = row + 1; column < tokens; column++) {
                values[row * tokens + column] = Float.NEGATIVE_INFINITY;
            }
        }
        NDArray mask = like.getManager().create(values, new Shape(1, 1, tokens, tokens)).toDevice(like.getDevice(), false);
        return like.getDataType() == DataType.FLOAT32 ? mask : mask.toType(like.getDataType(), false);
    }
}
