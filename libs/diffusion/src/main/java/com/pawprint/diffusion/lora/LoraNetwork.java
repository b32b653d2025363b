package com.pawprint.diffusion.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.pawprint.diffusion.nn.LoraTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set of LoRA modules over one loaded model (kohya's LoRANetwork): created fresh on kohya's default targets for
 * training, or read from a file. {@link #apply} attaches it to the model; {@link #save} writes a kohya file.
 *
 * <p>The network owns its arrays (a sub-manager of the one given); {@link #close} detaches whatever is still applied
 * and frees them. Arrays are kept out of any open {@code NDScope}, so networks may be built inside one.
 */
public final class LoraNetwork implements AutoCloseable {

    private final List<LoraModule> modules;
    private final Map<String, String> metadata;
    private final NDManager manager;
    private final Set<AppliedLora> attached = Collections.synchronizedSet(new LinkedHashSet<>());

    LoraNetwork(List<LoraModule> modules, Map<String, String> metadata, NDManager manager) {
        this.modules = List.copyOf(modules);
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.manager = manager;
    }

    /**
     * A trainable network on kohya's default targets of {@code base} ({@link DefaultTargets}): {@code down}
     * Kaiming-uniform from {@code seed}, {@code up} zero, every array requiring gradients.
     *
     * @param alpha kohya's network_alpha; scale is alpha / rank, 0 means alpha = rank
     */
    public static LoraNetwork create(LoraBase base, int rank, float alpha, long seed, NDManager manager) {
        if (!(alpha >= 0) || Float.isInfinite(alpha)) {
            throw new IllegalArgumentException("network alpha must be a finite number >= 0, got " + alpha);
        }
        NDManager own = manager.newSubManager();
        List<LoraModule> modules = new ArrayList<>();
        for (LoraComponent component : List.of(LoraComponent.TEXT_ENCODER, LoraComponent.UNET)) {
            for (LoraTarget target : DefaultTargets.of(component, base.registry(component))) {
                modules.add(LoraModule.initialize(component, target, rank, alpha, seed, own));
            }
        }
        if (modules.isEmpty()) {
            own.close();
            throw new IllegalArgumentException("the model has no LoRA target modules (is it loaded?)");
        }
        LoraNetwork network = new LoraNetwork(modules, Map.of(), own);
        network.makeTrainable();
        return network;
    }

    /**
     * Reads a kohya, PEFT or diffusers LoRA file for {@code base}; every key must match a module and fit its shape,
     * or a {@link LoraFileException} names the ones that do not.
     */
    public static LoraNetwork load(Path file, LoraBase base, NDManager manager) {
        return LoraFiles.read(file, base, manager);
    }

    /**
     * The file's kohya {@code sshs_model_hash}, 64 hex digits: the one its metadata records, else SHA-256 over its
     * tensor data. A1111 names a LoRA in its infotext by the first 12 digits.
     */
    public static String modelHash(Path file) {
        return LoraFiles.modelHash(file);
    }

    /**
     * Writes kohya keys ({@code <name>.lora_down.weight}, {@code .lora_up.weight}, 0-dim {@code .alpha}) with kohya's
     * metadata plus {@code extraMetadata} (ss_* training fields, ss_output_name, ...), and returns the metadata
     * written.
     */
    public Map<String, String> save(Path file, LoraPrecision precision, Map<String, String> extraMetadata) {
        return LoraFiles.write(this, file, precision, extraMetadata);
    }

    /** Attaches this network at {@code strength}; close the result to detach. */
    public AppliedLora apply(LoraMode mode, LoraStrength strength) {
        return AppliedLora.apply(mode, List.of(new LoraUse(this, strength)));
    }

    /** Marks every LoRA array as requiring gradients (networks read from files start frozen). */
    public LoraNetwork makeTrainable() {
        for (LoraModule module : modules) {
            module.parameters().forEach(parameter -> parameter.setRequiresGradient(true));
        }
        return this;
    }

    /** The modules, text encoder first, each in model order. */
    public List<LoraModule> modules() {
        return modules;
    }

    public List<LoraModule> modules(LoraComponent component) {
        return modules.stream().filter(module -> module.component() == component).toList();
    }

    /** Every LoRA array by its kohya key ({@code <name>.lora_down.weight}, {@code <name>.lora_up.weight}). */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> parameters = new LinkedHashMap<>();
        for (LoraModule module : modules) {
            parameters.put(module.name() + ".lora_down.weight", module.down());
            parameters.put(module.name() + ".lora_up.weight", module.up());
        }
        return parameters;
    }

    public Map<String, NDArray> parameters(LoraComponent component) {
        Map<String, NDArray> parameters = new LinkedHashMap<>();
        parameters().forEach((key, array) -> {
            if (key.startsWith(component.keyPrefix() + "_")) {
                parameters.put(key, array);
            }
        });
        return parameters;
    }

    public long parameterCount() {
        return modules.stream().mapToLong(LoraModule::parameterCount).sum();
    }

    /** The file's metadata for a loaded network; empty for a created one. */
    public Map<String, String> metadata() {
        return metadata;
    }

    void attached(AppliedLora applied) {
        attached.add(applied);
    }

    void detached(AppliedLora applied) {
        attached.remove(applied);
    }

    @Override
    public void close() {
        List<AppliedLora> stillAttached;
        synchronized (attached) {
            stillAttached = new ArrayList<>(attached);
        }
        stillAttached.forEach(AppliedLora::close);
        manager.close();
    }
}
