package com.pawprint.models;

import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.diffusion.pipeline.StableDiffusion;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectNotFoundException;
import com.pawprint.storage.ObjectStore;
import com.pawprint.training.models.BaseModelEntry;
import com.pawprint.training.output.FileHashes;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The base model this process holds on its device. One model at a time (a device holds one): asking for another
 * closes the current one. Files are cached locally by sha256 and verified against the registry when downloaded, so
 * a replaced or corrupted object is never used.
 */
@ApplicationScoped
public class BaseModels {

    private static final Logger LOG = Logger.getLogger(BaseModels.class);

    private final ModelRegistry registry;
    private final ObjectStore store;
    private final ModelsConfig config;
    private LoadedBaseModel current;

    public BaseModels(ModelRegistry registry, ObjectStore store, ModelsConfig config) {
        this.registry = registry;
        this.store = store;
        this.config = config;
    }

    /** The registry entry of {@code name}. @throws BaseModelUnavailableException when it is not registered */
    public BaseModelEntry entry(String name) {
        return registry.find(name).orElseThrow(() -> new BaseModelUnavailableException(
                "base_model '" + name + "' is not registered (no " + ModelRegistry.ENTRY_FILE + " under models/"
                        + name + "/)"));
    }

    /**
     * {@code name} loaded on {@code device}, the model in hand when it is the same file.
     *
     * @throws BaseModelUnavailableException for an unknown model, a file outside its prefix or a sha256 mismatch
     */
    public synchronized LoadedBaseModel load(String name, ComputeDevice device) {
        BaseModelEntry entry = entry(name);
        if (current != null && current.entry().sha256().equals(entry.sha256())) {
            return current;
        }
        Path file = cachedFile(entry);
        LOG.infof("loading base model %s on %s", name, device);
        StableDiffusion model = StableDiffusion.load(file, device);
        if (current != null) {
            current.model().close();
        }
        current = new LoadedBaseModel(entry, model, file);
        return current;
    }

    private Path cachedFile(BaseModelEntry entry) {
        if (entry.sha256() == null || !entry.sha256().matches("[0-9a-f]{64}")) {
            throw new BaseModelUnavailableException("base model '" + entry.name() + "' has no sha256 in the registry");
        }
        if (entry.file() == null || !entry.file().startsWith(ObjectKeys.modelPrefix(entry.name()))) {
            throw new BaseModelUnavailableException("base model '" + entry.name() + "' names the file " + entry.file()
                    + ", which is not under " + ObjectKeys.modelPrefix(entry.name()));
        }
        Path dir = config.cacheDir();
        Path file = dir.resolve(entry.sha256() + ".safetensors");
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, entry.sha256(), ".partial");
            try (InputStream in = store.open(entry.file())) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            } catch (ObjectNotFoundException e) {
                Files.deleteIfExists(partial);
                throw new BaseModelUnavailableException("base model '" + entry.name() + "': its file " + entry.file()
                        + " is missing");
            }
            String actual = FileHashes.sha256(partial);
            if (!actual.equals(entry.sha256())) {
                Files.delete(partial);
                throw new BaseModelUnavailableException("base model '" + entry.name() + "': " + entry.file()
                        + " has sha256 " + actual + " but the registry records " + entry.sha256());
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache base model " + entry.name() + " in " + dir, e);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (current != null) {
            current.model().close();
            current = null;
        }
    }
}
