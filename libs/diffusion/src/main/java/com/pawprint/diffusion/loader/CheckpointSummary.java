package com.pawprint.diffusion.loader;

import com.pawprint.diffusion.loader.StableDiffusionCheckpoint.Component;
import com.pawprint.diffusion.nn.TensorSource;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a checkpoint holds, read from headers only (no tensor data): for the command line's summary and for logs.
 *
 * @param path       the file or folder
 * @param format     its layout
 * @param components tensor and parameter counts per model, under diffusers names
 * @param metadata   the safetensors {@code __metadata__}
 */
public record CheckpointSummary(Path path, CheckpointFormat format, Map<Component, ComponentSummary> components,
        Map<String, String> metadata) {

    /**
     * @param tensors    how many tensors the component has
     * @param parameters how many elements they hold together
     */
    public record ComponentSummary(int tensors, long parameters) {
    }

    public static CheckpointSummary of(StableDiffusionCheckpoint checkpoint) {
        Map<Component, ComponentSummary> components = new EnumMap<>(Component.class);
        components.put(Component.TEXT_ENCODER, summarize(checkpoint.textEncoder()));
        components.put(Component.UNET, summarize(checkpoint.unet()));
        components.put(Component.VAE, summarize(checkpoint.vae()));
        return new CheckpointSummary(checkpoint.path(), checkpoint.format(), Collections.unmodifiableMap(components),
                checkpoint.metadata());
    }

    private static ComponentSummary summarize(TensorSource source) {
        long parameters = 0;
        for (String name : source.names()) {
            parameters += source.info(name).elementCount();
        }
        return new ComponentSummary(source.names().size(), parameters);
    }

    /** Parameters over all components. */
    public long totalParameters() {
        return components.values().stream().mapToLong(ComponentSummary::parameters).sum();
    }
}
