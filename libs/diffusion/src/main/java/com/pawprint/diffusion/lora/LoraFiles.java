package com.pawprint.diffusion.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.pawprint.diffusion.lora.LoraKeyResolver.ResolvedKey;
import com.pawprint.diffusion.lora.LoraKeyResolver.Role;
import com.pawprint.diffusion.nn.LoraTarget;
import com.pawprint.diffusion.safetensors.RawTensor;
import com.pawprint.diffusion.safetensors.SafetensorsEntry;
import com.pawprint.diffusion.safetensors.SafetensorsFile;
import com.pawprint.diffusion.safetensors.SafetensorsWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reading and writing LoRA safetensors files (see {@link LoraNetwork#load} and {@link LoraNetwork#save}). */
final class LoraFiles {

    /** Metadata the writer decides; callers may repeat these only with the same value. */
    static final String NETWORK_MODULE = "ss_network_module";
    static final String NETWORK_DIM = "ss_network_dim";
    static final String NETWORK_ALPHA = "ss_network_alpha";
    static final String BASE_MODEL_VERSION = "ss_base_model_version";
    static final String V2 = "ss_v2";
    static final String ARCHITECTURE = "modelspec.architecture";
    static final String MODEL_HASH = "sshs_model_hash";

    private static final Pattern HEX_HASH = Pattern.compile("[0-9a-fA-F]{64}");

    private LoraFiles() {
    }

    private static final class Parts {
        final LoraComponent component;
        final LoraTarget target;
        final Map<Role, String> keys = new EnumMap<>(Role.class);

        Parts(LoraComponent component, LoraTarget target) {
            this.component = component;
            this.target = target;
        }
    }

    static LoraNetwork read(Path path, LoraBase base, NDManager manager) {
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            rejectOtherModelFamilies(path, file.metadata());
            LoraKeyResolver resolver = new LoraKeyResolver(base);
            Map<LoraTarget, Parts> byTarget = new LinkedHashMap<>();
            List<String> unmatched = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (String key : file.names()) {
                Optional<ResolvedKey> resolved = resolver.resolve(key);
                if (resolved.isEmpty()) {
                    unmatched.add(key);
                    continue;
                }
                ResolvedKey r = resolved.get();
                Parts parts = byTarget.computeIfAbsent(r.target(), t -> new Parts(r.component(), t));
                String previous = parts.keys.putIfAbsent(r.role(), key);
                if (previous != null) {
                    problems.add("keys " + previous + " and " + key + " are both the " + r.role().name().toLowerCase(
                            Locale.ROOT) + " of module '" + r.target().path() + "'");
                }
            }
            for (Parts parts : byTarget.values()) {
                for (Role required : List.of(Role.DOWN, Role.UP)) {
                    if (!parts.keys.containsKey(required)) {
                        problems.add("module '" + parts.target.path() + "' has " + parts.keys.values() + " but no "
                                + required.name().toLowerCase(Locale.ROOT) + " weight");
                    }
                }
            }
            if (!unmatched.isEmpty() || !problems.isEmpty()) {
                throw new LoraFileException(path, unmatched, problems);
            }
            return build(path, file, byTarget, manager);
        }
    }

    private static LoraNetwork build(Path path, SafetensorsFile file, Map<LoraTarget, Parts> byTarget,
            NDManager manager) {
        NDManager own = manager.newSubManager();
        try {
            List<LoraModule> modules = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Parts parts : byTarget.values()) {
                try (NDManager staging = own.newSubManager()) {
                    NDArray down = file.load(parts.keys.get(Role.DOWN), staging);
                    NDArray up = file.load(parts.keys.get(Role.UP), staging);
                    float alpha = parts.keys.containsKey(Role.ALPHA) ? alpha(file, parts.keys.get(Role.ALPHA), staging)
                            : 0f;
                    LoraModule module = LoraModule.of(parts.component, parts.target, down, up, alpha);
                    module.parameters().forEach(array -> array.attach(own));
                    modules.add(module);
                } catch (IllegalArgumentException e) {
                    problems.add(parts.keys.get(Role.DOWN) + " / " + parts.keys.get(Role.UP) + ": " + e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                throw new LoraFileException(path, List.of(), problems);
            }
            modules.sort(Comparator.comparing(LoraModule::component).reversed());
            return new LoraNetwork(modules, file.metadata(), own);
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    private static float alpha(SafetensorsFile file, String key, NDManager manager) {
        NDArray alpha = file.load(key, manager);
        if (alpha.size() != 1) {
            throw new IllegalArgumentException(key + " should hold one value, has shape " + alpha.getShape());
        }
        float value = alpha.toType(DataType.FLOAT32, false).toFloatArray()[0];
        if (!Float.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(key + " is " + value + ", not a finite alpha >= 0");
        }
        return value;
    }

    private static void rejectOtherModelFamilies(Path path, Map<String, String> metadata) {
        String version = metadata.getOrDefault(BASE_MODEL_VERSION, "");
        if ("True".equalsIgnoreCase(metadata.get(V2)) || version.startsWith("sdxl") || version.startsWith("sd_v2")) {
            throw new LoraFileException(path, List.of(), List.of("it was trained for "
                    + (version.isEmpty() ? "SD 2.x" : version) + "; this engine runs Stable Diffusion 1.x"));
        }
    }

    static Map<String, String> write(LoraNetwork network, Path path, LoraPrecision precision,
            Map<String, String> extraMetadata) {
        Map<String, RawTensor> tensors = new TreeMap<>();
        try (NDManager staging = NDManager.newBaseManager()) {
            for (LoraModule module : network.modules()) {
                tensors.put(module.name() + ".lora_down.weight", raw(module.down(), precision, staging));
                tensors.put(module.name() + ".lora_up.weight", raw(module.up(), precision, staging));
                NDArray alpha = staging.create(module.alpha() == 0 ? module.rank() : module.alpha());
                tensors.put(module.name() + ".alpha", raw(alpha, precision, staging));
            }
            Map<String, String> metadata = metadata(network, extraMetadata);
            metadata.put(MODEL_HASH, dataHash(tensors.values().stream().map(RawTensor::data)));
            SafetensorsWriter.writeRaw(path, tensors, metadata);
            return metadata;
        }
    }

    private static RawTensor raw(NDArray array, LoraPrecision precision, NDManager staging) {
        NDArray onHost = array.toDevice(ai.djl.Device.cpu(), true);
        onHost.attach(staging);
        NDArray converted = onHost.toType(precision.dataType(), true);
        converted.attach(staging);
        return RawTensor.of(converted);
    }

    private static Map<String, String> metadata(LoraNetwork network, Map<String, String> extra) {
        LoraModule first = network.modules().get(0);
        boolean uniform = network.modules().stream()
                .allMatch(m -> m.rank() == first.rank() && m.alpha() == first.alpha());
        Map<String, String> decided = new LinkedHashMap<>();
        decided.put(NETWORK_MODULE, "networks.lora");
        if (uniform) {
            decided.put(NETWORK_DIM, Integer.toString(first.rank()));
            decided.put(NETWORK_ALPHA, pythonFloat(first.alpha() == 0 ? first.rank() : first.alpha()));
        }
        decided.put(BASE_MODEL_VERSION, "sd_v1");
        decided.put(V2, "False");
        decided.put("modelspec.sai_model_spec", "1.0.0");
        decided.put(ARCHITECTURE, "stable-diffusion-v1/lora");
        decided.put("modelspec.implementation", "diffusers");
        Map<String, String> metadata = new TreeMap<>(decided);
        extra.forEach((key, value) -> {
            if (key.equals(MODEL_HASH) || decided.containsKey(key) && !decided.get(key).equals(value)) {
                throw new IllegalArgumentException("metadata '" + key + "' is decided by the network ("
                        + decided.getOrDefault(key, "the tensor data's hash") + "), cannot be set to '" + value + "'");
            }
            metadata.put(key, value);
        });
        if (metadata.containsKey("ss_output_name")) {
            metadata.putIfAbsent("modelspec.title", metadata.get("ss_output_name"));
        }
        return metadata;
    }

    /** Python's str(float): 4.0 stays "4.0", as kohya writes alphas. */
    private static String pythonFloat(float value) {
        return value == Math.rint(value) && Math.abs(value) < 1e16 ? (long) value + ".0" : Float.toString(value);
    }

    /**
     * kohya's {@code sshs_model_hash} (sd-webui-additional-networks' hash): SHA-256 over the file's data section,
     * i.e. every tensor's bytes in the order safetensors writes them, by name when all share one dtype as here.
     */
    static String dataHash(Stream<ByteBuffer> dataInFileOrder) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
        dataInFileOrder.forEach(data -> sha256.update(data.duplicate()));
        return HexFormat.of().formatHex(sha256.digest());
    }

    /**
     * The file's {@code sshs_model_hash} as A1111 takes it: from the metadata when kohya recorded one, else computed
     * over the data section, the tensors in offset order (the format leaves no gaps between them).
     */
    static String modelHash(Path path) {
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            String recorded = file.metadata().getOrDefault(MODEL_HASH, "");
            // Only a hash is taken on trust: the value travels into infotexts, whose parsers split on ',' and ':'.
            if (HEX_HASH.matcher(recorded).matches()) {
                return recorded.toLowerCase(Locale.ROOT);
            }
            return dataHash(file.names().stream().map(file::entry)
                    .sorted(Comparator.comparingLong(SafetensorsEntry::begin))
                    .map(entry -> file.rawBytes(entry.name())));
        }
    }
}
