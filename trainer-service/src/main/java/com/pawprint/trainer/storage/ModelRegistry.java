package com.pawprint.trainer.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.pawprint.storage.InvalidKeyException;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectNotFoundException;
import com.pawprint.storage.ObjectStore;
import com.pawprint.training.models.BaseModelEntry;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The service's base-model registry in object storage: {@code models/{name}/model.json}, a
 * {@link BaseModelEntry} in the snake_case JSON of libs/training's {@code BaseModelRegistry}, whose {@code file} is
 * the object key of the checkpoint next to it.
 */
@ApplicationScoped
public class ModelRegistry {

    public static final String ENTRY_FILE = "model.json";
    public static final String MODEL_FILE = "model.safetensors";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectStore store;

    public ModelRegistry(ObjectStore store) {
        this.store = store;
    }

    /** The entry of {@code name}; empty for a name that is not registered (or could never be a key). */
    public Optional<BaseModelEntry> find(String name) {
        String key;
        try {
            key = ObjectKeys.modelFile(name, ENTRY_FILE);
        } catch (InvalidKeyException e) {
            return Optional.empty();
        }
        byte[] json;
        try {
            json = store.get(key);
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, BaseModelEntry.class));
        } catch (IOException e) {
            throw new UncheckedIOException("registry entry " + key + " is unreadable", e);
        }
    }

    public void register(BaseModelEntry entry) {
        try {
            store.put(ObjectKeys.modelFile(entry.name(), ENTRY_FILE), JSON.writeValueAsBytes(entry),
                    "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the registry entry of " + entry.name(), e);
        }
    }
}
