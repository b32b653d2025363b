package com.pawprint.diffusion.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every {@link LoraTarget} of a model by its path, in creation order. LoRA targets are chosen by filtering this
 * registry, so adapter key names come from the same paths the checkpoint uses.
 */
public final class ModuleRegistry {

    private final Map<String, LoraTarget> byPath = Collections.synchronizedMap(new LinkedHashMap<>());

    /** Registers {@code target}; two modules on one path mean the model structure is wrong. */
    public void register(LoraTarget target) {
        LoraTarget previous = byPath.putIfAbsent(target.path(), target);
        if (previous != null) {
            throw new IllegalStateException("two modules registered at path '" + target.path() + "'");
        }
    }

    /** The module at {@code path}, if any. */
    public Optional<LoraTarget> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** All modules, in creation order. */
    public List<LoraTarget> all() {
        synchronized (byPath) {
            return List.copyOf(byPath.values());
        }
    }

    /** The modules whose path satisfies {@code filter}, in creation order. */
    public List<LoraTarget> matching(Predicate<String> filter) {
        List<LoraTarget> result = new ArrayList<>();
        for (LoraTarget target : all()) {
            if (filter.test(target.path())) {
                result.add(target);
            }
        }
        return result;
    }

    public int size() {
        return byPath.size();
    }
}
