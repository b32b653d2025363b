package com.pawprint.diffusion.clip;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Architecture of a {@link ClipVisionModel}, named after the fields of a transformers {@code CLIPVisionConfig}
 * ({@code vision_config} of a CLIP {@code config.json}). Defaults are {@code openai/clip-vit-large-patch14}'s
 * vision tower ({@link #vitL14()}), the pairing of SD 1.5's text encoder.
 *
 * @param hiddenSize        width. ViT-L/14: 1024.
 * @param intermediateSize  MLP inner width. ViT-L/14: 4096.
 * @param numHiddenLayers   encoder layers. ViT-L/14: 24.
 * @param numAttentionHeads heads per layer. ViT-L/14: 16.
 * @param numChannels       input colour channels. ViT-L/14: 3.
 * @param imageSize         square input side in pixels. ViT-L/14: 224.
 * @param patchSize         square patch side; must divide {@code imageSize}. ViT-L/14: 14.
 * @param hiddenAct         MLP activation. ViT-L/14: quick_gelu.
 * @param layerNormEps      layer-norm epsilon. ViT-L/14: 1e-5.
 */
public record ClipVisionConfig(
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int numChannels,
        int imageSize,
        int patchSize,
        ClipActivation hiddenAct,
        double layerNormEps) {

    public ClipVisionConfig {
        if (numChannels <= 0 || imageSize <= 0 || patchSize <= 0 || imageSize % patchSize != 0) {
            throw new IllegalArgumentException("invalid CLIP vision config: channels " + numChannels + ", image "
                    + imageSize + ", patch " + patchSize + " (the patch must divide the image)");
        }
        new ClipEncoderSettings(hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads, hiddenAct,
                layerNormEps);
    }

    /** The vision tower of openai/clip-vit-large-patch14. */
    public static ClipVisionConfig vitL14() {
        return new ClipVisionConfig(1024, 4096, 24, 16, 3, 224, 14, ClipActivation.QUICK_GELU, 1e-5);
    }

    /** The team's small test config: image 32, patch 8 (16 patches), width 64, 2 layers, 4 heads. */
    public static ClipVisionConfig tiny() {
        return new ClipVisionConfig(64, 128, 2, 4, 3, 32, 8, ClipActivation.QUICK_GELU, 1e-5);
    }

    /** Patches per side squared. */
    public int numPatches() {
        int perSide = imageSize / patchSize;
        return perSide * perSide;
    }

    /** Patches plus the class position. */
    public int numPositions() {
        return numPatches() + 1;
    }

    /** The encoder shape, the same building blocks as the text tower's. */
    public ClipEncoderSettings encoder() {
        return new ClipEncoderSettings(hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads, hiddenAct,
                layerNormEps);
    }

    /** Reads a vision config object or a full CLIPConfig (its {@code vision_config}); absent keys take ViT-L/14's. */
    public static ClipVisionConfig fromJson(JsonNode json) {
        JsonNode node = json.has("vision_config") ? json.get("vision_config") : json;
        if (!node.isObject()) {
            throw new IllegalArgumentException("CLIP vision config must be a JSON object");
        }
        ClipVisionConfig l14 = vitL14();
        return new ClipVisionConfig(
                node.path("hidden_size").asInt(l14.hiddenSize()),
                node.path("intermediate_size").asInt(l14.intermediateSize()),
                node.path("num_hidden_layers").asInt(l14.numHiddenLayers()),
                node.path("num_attention_heads").asInt(l14.numAttentionHeads()),
                node.path("num_channels").asInt(l14.numChannels()),
                node.path("image_size").asInt(l14.imageSize()),
                node.path("patch_size").asInt(l14.patchSize()),
                ClipActivation.fromConfigName(node.path("hidden_act").asText(l14.hiddenAct().configName())),
                node.path("layer_norm_eps").asDouble(l14.layerNormEps()));
    }
}
