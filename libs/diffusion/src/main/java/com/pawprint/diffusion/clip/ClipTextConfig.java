package com.pawprint.diffusion.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Architecture of a {@link ClipTextModel}, named after the fields of a transformers {@code CLIPTextConfig}
 * ({@code text_encoder/config.json} in a diffusers folder). Defaults are SD 1.5's text encoder, the text tower of
 * {@code openai/clip-vit-large-patch14} ({@link #sd15()}).
 *
 * @param vocabSize             token embeddings. SD 1.5: 49408.
 * @param hiddenSize            width. SD 1.5: 768.
 * @param intermediateSize      MLP inner width. SD 1.5: 3072.
 * @param numHiddenLayers       encoder layers. SD 1.5: 12.
 * @param numAttentionHeads     heads per layer. SD 1.5: 12.
 * @param maxPositionEmbeddings longest token sequence. SD 1.5: 77.
 * @param hiddenAct             MLP activation. SD 1.5: quick_gelu.
 * @param layerNormEps          layer-norm epsilon. SD 1.5: 1e-5.
 */
public record ClipTextConfig(
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int maxPositionEmbeddings,
        ClipActivation hiddenAct,
        double layerNormEps) {

    public ClipTextConfig {
        if (vocabSize <= 0 || maxPositionEmbeddings <= 0) {
            throw new IllegalArgumentException("invalid CLIP text config: vocab " + vocabSize + ", positions "
                    + maxPositionEmbeddings);
        }
        new ClipEncoderSettings(hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads, hiddenAct,
                layerNormEps);
    }

    /** SD 1.5's text encoder (openai/clip-vit-large-patch14 text config). */
    public static ClipTextConfig sd15() {
        return new ClipTextConfig(49408, 768, 3072, 12, 12, 77, ClipActivation.QUICK_GELU, 1e-5);
    }

    /** The team's small test config: same architecture, width 64, 2 layers, 4 heads, 1000 tokens. */
    public static ClipTextConfig tiny() {
        return new ClipTextConfig(1000, 64, 128, 2, 4, 77, ClipActivation.QUICK_GELU, 1e-5);
    }

    /** The encoder shape, shared with CLIP vision towers. */
    public ClipEncoderSettings encoder() {
        return new ClipEncoderSettings(hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads, hiddenAct,
                layerNormEps);
    }

    /** Reads a transformers {@code config.json}; absent keys take SD 1.5's values. */
    public static ClipTextConfig fromJson(Path configJson) {
        try {
            return fromJson(new ObjectMapper().readTree(configJson.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CLIP text config " + configJson, e);
        }
    }

    /** Reads a parsed {@code config.json}; a full CLIPConfig's {@code text_config} section is used when present. */
    public static ClipTextConfig fromJson(JsonNode json) {
        JsonNode node = json.has("text_config") ? json.get("text_config") : json;
        if (!node.isObject()) {
            throw new IllegalArgumentException("CLIP text config must be a JSON object");
        }
        ClipTextConfig sd = sd15();
        return new ClipTextConfig(
                node.path("vocab_size").asInt(sd.vocabSize()),
                node.path("hidden_size").asInt(sd.hiddenSize()),
                node.path("intermediate_size").asInt(sd.intermediateSize()),
                node.path("num_hidden_layers").asInt(sd.numHiddenLayers()),
                node.path("num_attention_heads").asInt(sd.numAttentionHeads()),
                node.path("max_position_embeddings").asInt(sd.maxPositionEmbeddings()),
                ClipActivation.fromConfigName(node.path("hidden_act").asText(sd.hiddenAct().configName())),
                node.path("layer_norm_eps").asDouble(sd.layerNormEps()));
    }
}
