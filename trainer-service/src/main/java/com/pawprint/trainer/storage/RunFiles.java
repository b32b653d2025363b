package com.pawprint.trainer.storage;

import com.pawprint.storage.InvalidKeyException;
import com.pawprint.storage.ObjectInfo;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectStore;
import com.pawprint.training.run.Checkpoint;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run's output folder mirrored under the pet's {@code loras/{version}/}, with the same relative paths: checkpoints
 * as they are written (with the step and validation logs, so a take-over keeps the whole curve), then the LoRA,
 * experiment record, logs, plot and samples. A worker taking a job over restores the newest uploaded checkpoint.
 */
@ApplicationScoped
public class RunFiles {

    private static final Logger LOG = Logger.getLogger(RunFiles.class);
    private static final String CHECKPOINTS = "checkpoints/";
    private static final List<String> RESUME_LOGS = List.of("logs/steps.csv", "logs/validation.csv");

    private final ObjectStore store;

    public RunFiles(ObjectStore store) {
        this.store = store;
    }

    /** Uploads the checkpoint and the logs so far; returns the key of its LoRA file. */
    public String uploadCheckpoint(ObjectKeys.PetKeys pet, String version, Path runDir, Checkpoint checkpoint) {
        String folder = CHECKPOINTS + checkpoint.dir().getFileName() + "/";
        // The state last: a restore takes only folders whose state.json exists, so a half-uploaded one is skipped.
        upload(pet.loraFile(version, folder + Checkpoint.LORA), checkpoint.lora());
        upload(pet.loraFile(version, folder + Checkpoint.OPTIMIZER), checkpoint.optimizer());
        for (String log : RESUME_LOGS) {
            if (Files.isRegularFile(runDir.resolve(log))) {
                upload(pet.loraFile(version, log), runDir.resolve(log));
            }
        }
        upload(pet.loraFile(version, folder + Checkpoint.STATE), checkpoint.dir().resolve(Checkpoint.STATE));
        return pet.loraFile(version, folder + Checkpoint.LORA);
    }

    /**
     * Downloads the newest complete uploaded checkpoint (and the logs) into {@code runDir}, unless the folder has
     * one already; returns its step.
     */
    public Optional<Long> restoreLatestCheckpoint(ObjectKeys.PetKeys pet, String version, Path runDir) {
        if (Checkpoint.latest(runDir.resolve("checkpoints")).isPresent()) {
            return Optional.empty();
        }
        String prefix = pet.loraFile(version, "checkpoints") + "/";
        Optional<String> newest = store.list(prefix).stream().map(ObjectInfo::key)
                .filter(key -> key.endsWith("/" + Checkpoint.STATE))
                .map(key -> key.substring(prefix.length(), key.length() - Checkpoint.STATE.length() - 1))
                .filter(folder -> folder.matches("step-\\d{8}"))
                .max(Comparator.naturalOrder());
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        Path dir = runDir.resolve("checkpoints").resolve(newest.get());
        for (String file : List.of(Checkpoint.LORA, Checkpoint.OPTIMIZER, Checkpoint.STATE)) {
            download(prefix + newest.get() + "/" + file, dir.resolve(file));
        }
        for (String log : RESUME_LOGS) {
            String key = pet.loraFile(version, log);
            if (store.exists(key)) {
                download(key, runDir.resolve(log));
            }
        }
        return Optional.of(Checkpoint.read(dir).state().step());
    }

    /** Uploads every file of the finished run outside {@code checkpoints/}; returns their keys in path order. */
    public List<String> uploadOutputs(ObjectKeys.PetKeys pet, String version, Path runDir) {
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(runDir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = runDir.relativize(file).toString().replace('\\', '/');
                if (relative.startsWith(CHECKPOINTS)) {
                    continue;
                }
                try {
                    String key = pet.loraFile(version, relative);
                    upload(key, file);
                    keys.add(key);
                } catch (InvalidKeyException e) {
                    LOG.warnf("not uploading %s: %s", relative, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runDir, e);
        }
        return keys;
    }

    private void upload(String key, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            store.put(key, in, Files.size(file), contentType(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot upload " + file, e);
        }
    }

    private void download(String key, Path target) {
        try {
            Files.createDirectories(target.getParent());
            try (InputStream in = store.open(key)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download " + key, e);
        }
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".csv")) {
            return "text/csv; charset=utf-8";
        }
        return "application/octet-stream";
    }
}
