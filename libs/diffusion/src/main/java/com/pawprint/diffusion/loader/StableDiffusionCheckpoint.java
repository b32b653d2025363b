package com.pawprint.diffusion.loader;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pawprint.diffusion.clip.ClipTextConfig;
import com.pawprint.diffusion.nn.TensorInfo;
import com.pawprint.diffusion.nn.TensorSource;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.safetensors.SafetensorsException;
import com.pawprint.diffusion.safetensors.SafetensorsSource;
import com.pawprint.diffusion.tokenizer.ClipTokenizer;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Stable Diffusion 1.x checkpoint opened for loading, in either layout. Whatever the layout, each component is a
 * {@link TensorSource} speaking diffusers names, so the models load the same way from both; single-file LDM names are
 * translated by {@link LdmKeyMapping}. Opening validates the whole file and rejects what the engine cannot run
 * (pickle, SD 2, SDXL, inpainting, missing tokenizer files) with a message saying what is supported.
 *
 * <p>After building the models, {@link #unusedKeys} lists every tensor of the checkpoint no model read, so nothing in
 * a file is silently ignored.
 */
public final class StableDiffusionCheckpoint implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(StableDiffusionCheckpoint.class);

    /** The component a tensor belongs to. */
    public enum Component { TEXT_ENCODER, UNET, VAE }

    private final Path path;
    private final CheckpointFormat format;
    private final Map<Component, TensorSource> components;
    private final List<SafetensorsSource> files;
    private final List<String> unmappedKeys;
    private final Path folder;

    private StableDiffusionCheckpoint(Path path, CheckpointFormat format, Map<Component, TensorSource> components,
            List<SafetensorsSource> files, List<String> unmappedKeys, Path folder) {
        this.path = path;
        this.format = format;
        this.components = components;
        this.files = files;
        this.unmappedKeys = unmappedKeys;
        this.folder = folder;
    }

    /** Opens a diffusers folder or a single-file LDM {@code .safetensors}. */
    public static StableDiffusionCheckpoint open(Path path) {
        if (Files.isDirectory(path)) {
            return openFolder(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no checkpoint at " + path);
        }
        return openSingleFile(path);
    }

    public Path path() {
        return path;
    }

    public CheckpointFormat format() {
        return format;
    }

    /** Text encoder weights under transformers names ({@code text_model....}). */
    public TensorSource textEncoder() {
        return components.get(Component.TEXT_ENCODER);
    }

    /** UNet weights under diffusers names ({@code conv_in.weight}, {@code down_blocks.0....}). */
    public TensorSource unet() {
        return components.get(Component.UNET);
    }

    /** VAE weights under diffusers names ({@code encoder....}, {@code decoder....}). */
    public TensorSource vae() {
        return components.get(Component.VAE);
    }

    /** The text encoder's config: the folder's {@code text_encoder/config.json}, or SD 1.5's for single files. */
    public ClipTextConfig textEncoderConfig() {
        return componentConfig("text_encoder").map(ClipTextConfig::fromJson).orElseGet(ClipTextConfig::sd15);
    }

    /**
     * A component's {@code config.json} in a diffusers folder ({@code "unet"}, {@code "vae"}, {@code "text_encoder"},
     * {@code "scheduler"} reads {@code scheduler_config.json}); empty for single files, which carry no configs and
     * mean SD 1.5's.
     */
    public Optional<Path> componentConfig(String component) {
        if (folder == null) {
            return Optional.empty();
        }
        Path config = folder.resolve(component).resolve(component.equals("scheduler") ? "scheduler_config.json"
                : "config.json");
        return Files.isRegularFile(config) ? Optional.of(config) : Optional.empty();
    }

    /** The folder's tokenizer, or openai/CLIP's bundled vocabulary for single files (they ship none). */
    public ClipTokenizer tokenizer() {
        return folder == null ? ClipTokenizer.bundled() : ClipTokenizer.fromDiffusersFolder(folder.resolve("tokenizer"));
    }

    /** {@code __metadata__} of the checkpoint's files. */
    public Map<String, String> metadata() {
        Map<String, String> merged = new LinkedHashMap<>();
        files.forEach(file -> merged.putAll(file.metadata()));
        return merged;
    }

    /**
     * Every tensor of the checkpoint that no model read through {@code loaded} (views made by {@link Weights#of} over
     * this checkpoint's component sources), by its name in the file. Components not among {@code loaded} count as
     * entirely unused.
     */
    public List<String> unusedKeys(Weights... loaded) {
        Set<String> unused = new TreeSet<>(unmappedKeys);
        for (Map.Entry<Component, TensorSource> component : components.entrySet()) {
            Set<String> used = new TreeSet<>();
            for (Weights weights : loaded) {
                if (weights.source() == component.getValue()) {
                    used.addAll(weights.usedKeys());
                }
            }
            for (String name : component.getValue().names()) {
                if (!used.contains(name)) {
                    unused.add(fileKey(component.getValue(), name));
                }
            }
        }
        return List.copyOf(unused);
    }

    /** {@link #unusedKeys} that also logs them, for loaders to call once models are built. */
    public List<String> reportUnusedKeys(Weights... loaded) {
        List<String> unused = unusedKeys(loaded);
        if (!unused.isEmpty()) {
            LOG.warn("{} tensors of {} were not used by any model: {}", unused.size(), path, unused);
        }
        return unused;
    }

    private static String fileKey(TensorSource source, String name) {
        return source instanceof RenamedTensorSource renamed ? renamed.sourceKey(name) : name;
    }

    @Override
    public void close() {
        files.forEach(SafetensorsSource::close);
    }

    private static StableDiffusionCheckpoint openSingleFile(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Stream.of(".ckpt", ".pt", ".pth", ".bin", ".pkl").anyMatch(name::endsWith) || looksLikePickle(path)
                && !name.endsWith(".safetensors")) {
            throw pickle(path);
        }
        if (!name.endsWith(".safetensors")) {
            throw new UnsupportedCheckpointException(path + " is not a .safetensors file.");
        }
        SafetensorsSource file;
        try {
            file = SafetensorsSource.open(path);
        } catch (SafetensorsException e) {
            if (looksLikePickle(path)) {
                throw pickle(path);
            }
            throw e;
        }
        try {
            return singleFile(path, file, List.of(file));
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** A single-file checkpoint over any source of LDM-named tensors; {@code owned} are closed with it. */
    static StableDiffusionCheckpoint singleFile(Path path, TensorSource file, List<SafetensorsSource> owned) {
        Set<String> keys = file.names();
        rejectUnsupportedSingleFile(path, file, keys);
        LdmKeyMapping.Mapping unet = LdmKeyMapping.unet(keys);
        LdmKeyMapping.Mapping vae = LdmKeyMapping.vae(keys);
        LdmKeyMapping.Mapping text = LdmKeyMapping.textEncoder(keys);
        Map<Component, TensorSource> components = new LinkedHashMap<>();
        components.put(Component.TEXT_ENCODER, new RenamedTensorSource(file, text.origins()));
        components.put(Component.UNET, new RenamedTensorSource(file, unet.origins()));
        components.put(Component.VAE, new RenamedTensorSource(file, vae.origins()));
        List<String> unmapped = new ArrayList<>(unet.unmapped());
        unmapped.addAll(vae.unmapped());
        unmapped.addAll(text.unmapped());
        for (String key : keys) {
            if (!key.startsWith(LdmKeyMapping.UNET_PREFIX) && !key.startsWith(LdmKeyMapping.VAE_PREFIX)
                    && !key.startsWith(LdmKeyMapping.TEXT_ENCODER_PREFIX)) {
                unmapped.add(key);
            }
        }
        requireComponents(path, components);
        checkUnetArchitecture(path, components.get(Component.UNET));
        return new StableDiffusionCheckpoint(path, CheckpointFormat.LDM_SINGLE_FILE,
                Collections.unmodifiableMap(components), owned, List.copyOf(unmapped), null);
    }

    private static void rejectUnsupportedSingleFile(Path path, TensorSource file, Set<String> keys) {
        if (keys.stream().anyMatch(k -> k.startsWith("conditioner.embedders."))) {
            throw new UnsupportedCheckpointException(path + " is an SDXL checkpoint (it has conditioner.embedders).");
        }
        if (keys.stream().anyMatch(k -> k.startsWith("cond_stage_model.model."))) {
            throw new UnsupportedCheckpointException(path + " is a Stable Diffusion 2.x checkpoint (OpenCLIP text "
                    + "encoder under cond_stage_model.model).");
        }
        String projIn = LdmKeyMapping.UNET_PREFIX + "input_blocks.1.1.proj_in.weight";
        if (keys.contains(projIn) && file.info(projIn).shape().dimension() == 2) {
            throw new UnsupportedCheckpointException(path + " is a Stable Diffusion 2.x checkpoint (its UNet uses "
                    + "linear proj_in projections).");
        }
        if (keys.stream().anyMatch(k -> k.startsWith("lora_unet_") || k.startsWith("lora_te_"))) {
            throw new UnsupportedCheckpointException(path + " is a LoRA, not a base model; load it as an adapter.");
        }
        if (keys.stream().noneMatch(k -> k.startsWith(LdmKeyMapping.UNET_PREFIX))) {
            throw new UnsupportedCheckpointException(path + " has no UNet (no " + LdmKeyMapping.UNET_PREFIX
                    + " keys), so it is not a full Stable Diffusion checkpoint.");
        }
    }

    private static StableDiffusionCheckpoint openFolder(Path folder) {
        if (Files.isDirectory(folder.resolve("text_encoder_2")) || Files.isDirectory(folder.resolve("unet"))
                && readJson(folder.resolve("unet").resolve("config.json")).map(j -> j.hasNonNull("addition_embed_type"))
                        .orElse(false)) {
            throw new UnsupportedCheckpointException(folder + " is an SDXL diffusers folder.");
        }
        List<SafetensorsSource> files = new ArrayList<>();
        Map<Component, TensorSource> components = new LinkedHashMap<>();
        try {
            components.put(Component.TEXT_ENCODER, openComponent(folder, "text_encoder", "model", files));
            components.put(Component.UNET, openComponent(folder, "unet", "diffusion_pytorch_model", files));
            components.put(Component.VAE, openComponent(folder, "vae", "diffusion_pytorch_model", files));
            Path tokenizer = folder.resolve("tokenizer");
            for (String required : List.of("vocab.json", "merges.txt")) {
                if (!Files.isRegularFile(tokenizer.resolve(required))) {
                    throw new UnsupportedCheckpointException(folder + " lacks tokenizer/" + required
                            + " (a diffusers SD 1.x folder ships tokenizer/vocab.json and tokenizer/merges.txt).");
                }
            }
            checkUnetArchitecture(folder, components.get(Component.UNET));
            return new StableDiffusionCheckpoint(folder, CheckpointFormat.DIFFUSERS_FOLDER,
                    Collections.unmodifiableMap(components), List.copyOf(files), List.of(), folder);
        } catch (RuntimeException e) {
            files.forEach(SafetensorsSource::close);
            throw e;
        }
    }

    private static SafetensorsSource openComponent(Path folder, String component, String baseName,
            List<SafetensorsSource> opened) {
        Path dir = folder.resolve(component);
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new UnsupportedCheckpointException(folder + " lacks " + component + "/config.json.");
        }
        List<Path> weights = componentWeights(dir, baseName);
        if (weights.isEmpty()) {
            boolean pickle = listFiles(dir).stream().anyMatch(p -> p.getFileName().toString().endsWith(".bin"));
            throw new UnsupportedCheckpointException(folder + " has no " + component + "/*.safetensors"
                    + (pickle ? " (only pickle .bin weights, which are not loaded because unpickling can run code)"
                            : "") + ".");
        }
        SafetensorsSource source = SafetensorsSource.open(weights);
        opened.add(source);
        return source;
    }

    /** The standard file, else the shards its index lists, else the single *.safetensors present. */
    private static List<Path> componentWeights(Path dir, String baseName) {
        Path standard = dir.resolve(baseName + ".safetensors");
        if (Files.isRegularFile(standard)) {
            return List.of(standard);
        }
        Optional<JsonNode> index = readJson(dir.resolve(baseName + ".safetensors.index.json"));
        if (index.isPresent()) {
            Set<String> shards = new TreeSet<>();
            index.get().path("weight_map").forEach(node -> shards.add(node.asText()));
            return shards.stream().map(dir::resolve).toList();
        }
        List<Path> candidates = listFiles(dir).stream()
                .filter(p -> p.getFileName().toString().endsWith(".safetensors"))
                .toList();
        if (candidates.size() > 1) {
            throw new UnsupportedCheckpointException(dir + " holds several weight files " + candidates
                    + " and no " + standard.getFileName() + "; keep one.");
        }
        return candidates;
    }

    private static List<Path> listFiles(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static void requireComponents(Path path, Map<Component, TensorSource> components) {
        for (Map.Entry<Component, TensorSource> component : components.entrySet()) {
            if (component.getValue().names().isEmpty()) {
                throw new UnsupportedCheckpointException(path + " has no " + component.getKey().name().toLowerCase(
                        Locale.ROOT) + " weights (single files need " + LdmKeyMapping.UNET_PREFIX + ", "
                        + LdmKeyMapping.VAE_PREFIX + " and " + LdmKeyMapping.TEXT_ENCODER_PREFIX + " keys).");
            }
        }
    }

    /** Shape checks that tell SD 1.x from SD 2.x and inpainting models, in diffusers names (both layouts). */
    private static void checkUnetArchitecture(Path path, TensorSource unet) {
        Optional<Shape> convIn = shape(unet, "conv_in.weight");
        if (convIn.isPresent() && convIn.get().dimension() == 4 && convIn.get().get(1) == 9) {
            throw new UnsupportedCheckpointException(path + " is an inpainting model (its UNet takes 9 input "
                    + "channels); only text-to-image models with 4 latent channels are supported.");
        }
        Optional<Shape> projIn = shape(unet, "down_blocks.0.attentions.0.proj_in.weight");
        Optional<Shape> crossKey = shape(unet, "down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k.weight");
        if (projIn.isPresent() && projIn.get().dimension() == 2
                || crossKey.isPresent() && crossKey.get().get(1) == 1024) {
            throw new UnsupportedCheckpointException(path + " is a Stable Diffusion 2.x model (linear proj_in or "
                    + "1024-wide cross-attention).");
        }
    }

    private static Optional<Shape> shape(TensorSource source, String name) {
        return source.contains(name) ? Optional.of(source.info(name)).map(TensorInfo::shape) : Optional.empty();
    }

    /** A zip archive (torch.save since 1.6) or a raw pickle stream (protocol 2 to 5). */
    private static boolean looksLikePickle(Path path) {
        byte[] magic = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(path)) {
            read = in.readNBytes(magic, 0, 4);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        boolean zip = read == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        boolean rawPickle = read >= 2 && (magic[0] & 0xff) == 0x80 && magic[1] >= 2 && magic[1] <= 5;
        return zip || rawPickle;
    }

    private static UnsupportedCheckpointException pickle(Path path) {
        return new UnsupportedCheckpointException(path + " is a pickle checkpoint (.ckpt/.pt); PawPrint does not "
                + "unpickle files because that can run arbitrary code. Convert it to .safetensors first.");
    }

    private static Optional<JsonNode> readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UnsupportedCheckpointException("cannot parse " + file + ": " + e.getMessage() + ".");
        }
    }
}
