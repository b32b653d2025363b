package com.pawprint.models;

import ai.djl.ndarray.NDManager;
import com.pawprint.diffusion.loader.ModelConfigs;
import com.pawprint.diffusion.pipeline.ModelFiles;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectStore;
import com.pawprint.training.models.BaseModelInspector;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Registers the engine's generated tiny SD model under {@code pawprint.models.bootstrap-tiny-model} when it is not
 * registered yet: dev and tests have no real model and cannot download one. It trains in seconds on the CPU.
 */
@ApplicationScoped
public class TinyModelBootstrap {

    private static final Logger LOG = Logger.getLogger(TinyModelBootstrap.class);
    /** Generated weights are a function of this seed, so every bootstrap writes the same file and sha256. */
    private static final long SEED = 7;

    /* After BucketInitializer (default priority), which creates the bucket. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event,
                 ModelsConfig config, ModelRegistry registry, ObjectStore store) {
        config.bootstrapTinyModel().filter(name -> registry.find(name).isEmpty())
                .ifPresent(name -> register(name, registry, store));
    }

    private static void register(String name, ModelRegistry registry, ObjectStore store) {
        try {
            Path dir = Files.createTempDirectory("tiny-model");
            Path file = dir.resolve(ModelRegistry.MODEL_FILE);
            try (NDManager manager = NDManager.newBaseManager()) {
                ModelFiles.writeSingleFile(file, ModelConfigs.tiny(), ModelFiles.generate(ModelConfigs.tiny(), SEED,
                        manager));
            }
            String key = ObjectKeys.modelFile(name, ModelRegistry.MODEL_FILE);
            try (var in = Files.newInputStream(file)) {
                store.put(key, in, Files.size(file), "application/octet-stream");
            }
            registry.register(BaseModelInspector.entry(name, file, key, "generated-test-model", true));
            Files.delete(file);
            Files.delete(dir);
            LOG.infof("registered the generated tiny model as %s", name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bootstrap the tiny model", e);
        }
    }
}
