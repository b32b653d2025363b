package com.pawprint.training.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A checkpoint folder, {@code checkpoints/step-00000100/}: the LoRA as a kohya file that every loader opens
 * ({@code lora.safetensors}), the optimizer state ({@code optimizer.safetensors}) and the counters
 * ({@code state.json}). The folder is written under a temporary name and renamed, so a trainer killed while saving
 * leaves the previous checkpoint as the latest.
 */
public record Checkpoint(Path dir, RunState state) {

    public static final String LORA = "lora.safetensors";
    public static final String OPTIMIZER = "optimizer.safetensors";
    public static final String STATE = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Path lora() {
        return dir.resolve(LORA);
    }

    public Path optimizer() {
        return dir.resolve(OPTIMIZER);
    }

    public static String folderName(long step) {
        return String.format("step-%08d", step);
    }

    /** A staging folder for {@code step}, to fill with the LoRA and optimizer files before {@link #commit}. */
    static Path staging(Path checkpointsDir, long step) {
        try {
            Path staging = checkpointsDir.resolve("." + folderName(step) + ".partial");
            if (Files.exists(staging)) {
                deleteTree(staging);
            }
            return Files.createDirectories(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a checkpoint in " + checkpointsDir, e);
        }
    }

    static Checkpoint commit(Path staging, RunState state) {
        try {
            JSON.writeValue(staging.resolve(STATE).toFile(), state);
            Path target = staging.resolveSibling(folderName(state.step()));
            if (Files.exists(target)) {
                deleteTree(target);
            }
            Files.move(staging, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new Checkpoint(target, state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit checkpoint " + staging, e);
        }
    }

    /** Reads a checkpoint folder. */
    public static Checkpoint read(Path dir) {
        Path state = dir.resolve(STATE);
        if (!Files.isRegularFile(state) || !Files.isRegularFile(dir.resolve(LORA))
                || !Files.isRegularFile(dir.resolve(OPTIMIZER))) {
            throw new IllegalArgumentException(dir + " is not a checkpoint: it needs " + LORA + ", " + OPTIMIZER
                    + " and " + STATE);
        }
        try {
            return new Checkpoint(dir, JSON.readValue(state.toFile(), RunState.class));
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint state " + state + " is unreadable: " + e.getMessage());
        }
    }

    /** The checkpoint with the most steps in {@code checkpointsDir}, if any. */
    public static Optional<Checkpoint> latest(Path checkpointsDir) {
        if (!Files.isDirectory(checkpointsDir)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(checkpointsDir)) {
            return dirs.filter(dir -> dir.getFileName().toString().matches("step-\\d{8}"))
                    .filter(dir -> Files.isRegularFile(dir.resolve(STATE)))
                    .max(Comparator.comparing(dir -> dir.getFileName().toString()))
                    .map(Checkpoint::read);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + checkpointsDir, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
