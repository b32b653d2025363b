package com.pawprint.diffusion.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A transformers {@code CLIPConfig}: both towers and the width of the shared embedding space they project into.
 * Defaults are {@code openai/clip-vit-large-patch14} ({@link #vitL14()}).
 *
 * @param text          the text tower; ViT-L/14's is SD 1.5's text encoder
 * @param vision        the vision tower
 * @param projectionDim width of the joint embedding space. ViT-L/14: 768.
 */
public record ClipConfig(ClipTextConfig text, ClipVisionConfig vision, int projectionDim) {

    public ClipConfig {
        java.util.Objects.requireNonNull(text, "text");
        java.util.Objects.requireNonNull(vision, "vision");
        if (projectionDim <= 0) {
            throw new IllegalArgumentException("projection_dim must be positive, got " + projectionDim);
        }
    }

    public static ClipConfig vitL14() {
        return new ClipConfig(ClipTextConfig.sd15(), ClipVisionConfig.vitL14(), 768);
    }

    /**
     * The team's small test pairing: the tiny towers, projection 32, and the full 49408-token vocabulary so the
     * bundled tokenizer's ids fit.
     */
    public static ClipConfig tiny() {
        ClipTextConfig tinyText = ClipTextConfig.tiny();
        return new ClipConfig(new ClipTextConfig(49408, tinyText.hiddenSize(), tinyText.intermediateSize(),
                tinyText.numHiddenLayers(), tinyText.numAttentionHeads(), tinyText.maxPositionEmbeddings(),
                tinyText.hiddenAct(), tinyText.layerNormEps()), ClipVisionConfig.tiny(), 32);
    }

    public static ClipConfig fromJson(Path configJson) {
        try {
            return fromJson(new ObjectMapper().readTree(configJson.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CLIP config " + configJson, e);
        }
    }

    /** Reads a full CLIPConfig ({@code text_config}, {@code vision_config}, {@code projection_dim}). */
    public static ClipConfig fromJson(JsonNode json) {
        if (!json.has("text_config") || !json.has("vision_config")) {
            throw new IllegalArgumentException("a CLIP config needs text_config and vision_config");
        }
        return new ClipConfig(ClipTextConfig.fromJson(json), ClipVisionConfig.fromJson(json),
                json.path("projection_dim").asInt(768));
    }
}
