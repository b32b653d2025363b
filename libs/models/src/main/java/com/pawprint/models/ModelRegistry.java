package com.pawprint.models;

import com.pawprint.storage.InvalidKeyException;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectNotFoundException;
import com.pawprint.storage.ObjectStore;
import com.pawprint.training.models.BaseModelEntry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The service's base-model registry in object storage: {@code models/{name}/model.json}, a
 * {@link BaseModelEntry} in its own JSON (as libs/training's {@code BaseModelRegistry} writes it), whose
 * {@code file} is the object key of the checkpoint next to it.
 */
@ApplicationScoped
public class ModelRegistry {

    public static final String ENTRY_FILE = "model.json";
    public static final String MODEL_FILE = "model.safetensors";

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
        return Optional.of(BaseModelEntry.fromJson(json, key));
    }

    public void register(BaseModelEntry entry) {
        store.put(ObjectKeys.modelFile(entry.name(), ENTRY_FILE), entry.toJson(), "application/json");
    }
}
