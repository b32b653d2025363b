package com.pawprint.labeling.config;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.util.Optional;

/** Settings of labeling-service under {@code pawprint.labeling}. */
@ConfigMapping(prefix = "pawprint.labeling")
public interface LabelingConfig {

    Clip clip();

    interface Clip {
        /**
         * A transformers CLIP folder ({@code config.json} + {@code model.safetensors}, e.g. openai/clip-vit-large-patch14).
         * Absent: the basic captioner is used.
         */
        Optional<Path> modelPath();
    }
}
