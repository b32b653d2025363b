package com.pawprint.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A view of a checkpoint scoped to one module path, like candle's {@code VarBuilder}. A module receives the view of
 * its own path and asks for its parameters by their short names, so a parameter's path in the code is its name in
 * the diffusers checkpoint: loading and LoRA key names fall out of the module structure, with no name tables.
 *
 * <p>All views made from one {@link #of} share the source, the manager (hence the device), the compute data type,
 * the {@link ModuleRegistry} and the record of which keys were read (so loaders can report unused tensors).
 */
public final class Weights {

    private final Shared shared;
    private final String path;

    private Weights(Shared shared, String path) {
        this.shared = shared;
        this.path = path;
    }

    /**
     * The root view of {@code source}. Floating point weights are converted to {@code dtype} and live on
     * {@code manager}'s device; integer tensors keep their type.
     */
    public static Weights of(TensorSource source, NDManager manager, DataType dtype) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(manager, "manager");
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("compute dtype must be floating point, got " + dtype);
        }
        return new Weights(new Shared(source, manager, dtype), "");
    }

    /** The view of a child module: path {@code "a.b"} plus {@code child} gives {@code "a.b.child"}. */
    public Weights at(String child) {
        if (child == null || child.isEmpty()) {
            throw new IllegalArgumentException("child name must not be empty (at " + describePath() + ")");
        }
        return new Weights(shared, key(child));
    }

    /** The view of element {@code index} of a module list, e.g. {@code layers.0}. */
    public Weights at(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative module index " + index + " at " + describePath());
        }
        return at(Integer.toString(index));
    }

    /** This view's module path; empty for the root. */
    public String path() {
        return path;
    }

    /** The full key of {@code name} under this view. */
    public String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /**
     * Loads the tensor {@code path + "." + name}, checks it has {@code expectedShape} (no dims: any shape) and
     * converts floating point data to the compute dtype on the manager's device. The error names the full key.
     */
    public NDArray get(String name, long... expectedShape) {
        String key = key(name);
        shared.source.require(key, new Shape(expectedShape));
        shared.used.add(key);
        NDArray loaded = shared.source.load(key, shared.manager);
        if (loaded.getDataType().isFloating() && loaded.getDataType() != shared.dtype) {
            NDArray converted = loaded.toType(shared.dtype, false);
            loaded.close();
            loaded = converted;
        }
        loaded.setName(key);
        return loaded;
    }

    /** Whether the source holds {@code path + "." + name}; for optional tensors only, structure comes from configs. */
    public boolean contains(String name) {
        return shared.source.contains(key(name));
    }

    /** The manager every weight is created in; it decides the device. */
    public NDManager manager() {
        return shared.manager;
    }

    /** The data type floating point weights are converted to. */
    public DataType dtype() {
        return shared.dtype;
    }

    /** The source behind this view. */
    public TensorSource source() {
        return shared.source;
    }

    /** Every {@link Linear} and {@link Conv2d} created from views of this source, by path. */
    public ModuleRegistry registry() {
        return shared.registry;
    }

    /** Keys read so far through any view of this source, in reading order. */
    public Set<String> usedKeys() {
        return Collections.unmodifiableSet(shared.used);
    }

    private String describePath() {
        return path.isEmpty() ? "<root>" : "'" + path + "'";
    }

    @Override
    public String toString() {
        return "Weights[" + describePath() + "]";
    }

    private static final class Shared {
        final TensorSource source;
        final NDManager manager;
        final DataType dtype;
        final ModuleRegistry registry = new ModuleRegistry();
        final Set<String> used = Collections.synchronizedSet(new LinkedHashSet<>());

        Shared(TensorSource source, NDManager manager, DataType dtype) {
            this.source = source;
            this.manager = manager;
            this.dtype = dtype;
        }
    }
}
