package com.pawprint.diffusion.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the file behind a prompt's {@code <lora:name:weight>} tag. The caller decides what names mean (a tenant's
 * trained pets, a folder of styles), so a prompt can never reach files it was not given.
 */
@FunctionalInterface
public interface LoraResolver {

    /** Resolves nothing: prompts with LoRA tags are refused. */
    LoraResolver NONE = name -> Optional.empty();

    /** The kohya {@code .safetensors} file for {@code name}, or empty when the name is unknown. */
    Optional<Path> resolve(String name);

    /** Exactly the given names. */
    static LoraResolver of(Map<String, Path> files) {
        Map<String, Path> copy = Map.copyOf(files);
        return name -> Optional.ofNullable(copy.get(name));
    }

    /**
     * {@code <name>.safetensors} directly inside {@code folder}; names that are not plain file names (separators,
     * {@code ..}) resolve to nothing.
     */
    static LoraResolver directory(Path folder) {
        return name -> {
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                return Optional.empty();
            }
            Path file = folder.resolve(name + ".safetensors");
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        };
    }
}
