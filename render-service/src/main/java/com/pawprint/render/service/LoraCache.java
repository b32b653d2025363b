package com.pawprint.render.service;

import com.pawprint.diffusion.infotext.A1111Hashes;
import com.pawprint.diffusion.lora.LoraBase;
import com.pawprint.diffusion.lora.LoraNetwork;
import com.pawprint.diffusion.pipeline.StableDiffusion;
import com.pawprint.render.config.RenderConfig;
import com.pawprint.storage.ObjectNotFoundException;
import com.pawprint.storage.ObjectStore;
import com.pawprint.training.output.FileHashes;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LoRAs loaded beside the base model, least recently used evicted past {@code lora-cache-size}. Files are fetched
 * once and kept by the sha256 of their bytes; loaded networks are kept by that hash, for the model they were
 * loaded against, so a tenant's next render neither reads nor parses its file again. A network is only ever
 * attached as a side path for one run at a time: nothing is merged into the shared weights.
 */
@ApplicationScoped
public class LoraCache {

    /** A loaded LoRA, the sha256 of its file and the hash A1111's "Lora hashes" name it by. */
    public record CachedLora(String sha256, String a1111Hash, LoraNetwork network) {
    }

    private final ObjectStore store;
    private final RenderConfig config;
    /* Object keys are written once by trainer-service, so a key's hash never changes. */
    private final Map<String, String> hashOfKey = new HashMap<>();
    private final LinkedHashMap<String, CachedLora> loaded = new LinkedHashMap<>(16, 0.75f, true);
    private StableDiffusion loadedFor;
    /* Read by the readiness probe, which must not wait behind a download holding the cache's lock. */
    private volatile int loadedCount;

    public LoraCache(ObjectStore store, RenderConfig config) {
        this.store = store;
        this.config = config;
    }

    /**
     * The LoRA stored at {@code key}, loaded against {@code model}.
     *
     * @throws com.pawprint.diffusion.lora.LoraFileException when the file does not fit the model
     * @throws RenderInputException when the object is missing
     */
    public synchronized CachedLora get(String key, StableDiffusion model) {
        if (loadedFor != model) {
            clear();
            loadedFor = model;
        }
        String sha256 = hashOfKey.get(key);
        Path file = sha256 == null ? null : config.workDir().resolve("loras").resolve(sha256 + ".safetensors");
        if (file == null || !Files.isRegularFile(file)) {
            file = fetch(key);
            sha256 = hashOfKey.get(key);
        }
        CachedLora cached = loaded.get(sha256);
        if (cached != null) {
            return cached;
        }
        LoraNetwork network = LoraNetwork.load(file, new LoraBase(model.unetModules(), model.textEncoderModules()),
                model.manager());
        cached = new CachedLora(sha256, A1111Hashes.lora(file), network);
        loaded.put(sha256, cached);
        while (loaded.size() > Math.max(1, config.loraCacheSize())) {
            var eldest = loaded.entrySet().iterator().next();
            loaded.remove(eldest.getKey());
            eldest.getValue().network().close();
        }
        loadedCount = loaded.size();
        return cached;
    }

    /** How many networks are loaded now. */
    public int size() {
        return loadedCount;
    }

    private Path fetch(String key) {
        Path dir = config.workDir().resolve("loras");
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, "lora", ".partial");
            try {
                try (InputStream in = store.open(key)) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                } catch (ObjectNotFoundException e) {
                    throw new RenderInputException("the LoRA file " + key + " is missing");
                }
                String sha256 = FileHashes.sha256(partial);
                Path file = dir.resolve(sha256 + ".safetensors");
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                hashOfKey.put(key, sha256);
                return file;
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache the LoRA " + key + " in " + dir, e);
        }
    }

    private void clear() {
        loaded.values().forEach(cached -> cached.network().close());
        loaded.clear();
        loadedCount = 0;
    }

    @PreDestroy
    synchronized void close() {
        clear();
    }
}
