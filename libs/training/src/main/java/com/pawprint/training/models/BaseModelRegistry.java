package com.pawprint.training.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Base models by name, one {@code <name>.json} per model in a registry folder. Registering inspects the file (only
 * SD 1.x is accepted), hashes it and records its licence; a run names the model and gets its file, configs and
 * hash. The service keeps the same entries under {@code models/<name>/} in object storage.
 */
public final class BaseModelRegistry {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final Path dir;

    public BaseModelRegistry(Path dir) {
        this.dir = dir;
    }

    /**
     * Inspects, hashes and records {@code file} as {@code name}, replacing an earlier entry of that name.
     *
     * @throws IllegalArgumentException for a bad name, a missing file or a file that is not SD 1.x
     */
    public BaseModelEntry register(String name, Path file, String license, boolean commercialUse) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a model name is lower-case letters, digits, '.', '_' or '-' (at most "
                    + "64), got '" + name + "'");
        }
        if (license == null || license.isBlank()) {
            throw new IllegalArgumentException("a base model needs its licence (SD 1.5's is "
                    + BaseModelEntry.SD15_LICENSE + ")");
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + " does not exist");
        }
        BaseModelEntry entry = BaseModelInspector.entry(name, file, file.toAbsolutePath().normalize().toString(),
                license, commercialUse);
        try {
            Files.createDirectories(dir);
            Path staged = dir.resolve("." + name + ".json.partial");
            Files.write(staged, entry.toJson());
            Files.move(staged, dir.resolve(name + ".json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the registry in " + dir, e);
        }
        return entry;
    }

    public Optional<BaseModelEntry> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = dir.resolve(name + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(BaseModelEntry.fromJson(Files.readAllBytes(file), file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("registry entry " + file + " is unreadable", e);
        }
    }
}
