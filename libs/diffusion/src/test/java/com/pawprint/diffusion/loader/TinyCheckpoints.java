package com.pawprint.diffusion.loader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pawprint.diffusion.clip.ClipTextConfig;
import com.pawprint.diffusion.clip.ClipTextModel;
import com.pawprint.diffusion.nn.GeneratedTensorSource;
import com.pawprint.diffusion.nn.TensorSource;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.safetensors.SafetensorsWriter;
import com.pawprint.diffusion.unet.UNet2DConditionConfig;
import com.pawprint.diffusion.unet.UNet2DConditionModel;
import com.pawprint.diffusion.vae.AutoencoderKL;
import com.pawprint.diffusion.vae.VaeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one set of generated tiny-config weights (team-brief TINY configs) both as a diffusers folder and as a
 * single-file LDM checkpoint, so tests can check the two layouts load to the same models. LDM names come from
 * inverting the mapping of the real SD 1.5 anchor, which has the same block structure.
 */
final class TinyCheckpoints {

    static final String TEXT_ENCODER_CONFIG = "{\"architectures\":[\"CLIPTextModel\"],\"vocab_size\":1000,"
            + "\"hidden_size\":64,\"intermediate_size\":128,\"num_hidden_layers\":2,\"num_attention_heads\":4,"
            + "\"max_position_embeddings\":77,\"hidden_act\":\"quick_gelu\",\"layer_norm_eps\":1e-05}";
    static final String UNET_CONFIG = "{\"_class_name\":\"UNet2DConditionModel\",\"in_channels\":4,\"out_channels\":4,"
            + "\"block_out_channels\":[32,32,64,64],\"layers_per_block\":2,\"attention_head_dim\":4,"
            + "\"cross_attention_dim\":64,\"norm_num_groups\":8,\"norm_eps\":1e-05,\"sample_size\":8,"
            + "\"use_linear_projection\":false}";
    static final String VAE_CONFIG = "{\"_class_name\":\"AutoencoderKL\",\"in_channels\":3,\"out_channels\":3,"
            + "\"block_out_channels\":[16,32,32,32],\"layers_per_block\":2,\"latent_channels\":4,"
            + "\"norm_num_groups\":8,\"sample_size\":32,\"scaling_factor\":0.18215}";

    final Map<String, NDArray> textEncoder;
    final Map<String, NDArray> unet;
    final Map<String, NDArray> vae;

    private TinyCheckpoints(Map<String, NDArray> textEncoder, Map<String, NDArray> unet, Map<String, NDArray> vae) {
        this.textEncoder = textEncoder;
        this.unet = unet;
        this.vae = vae;
    }

    /** Generates the weights every tiny model reads, stored as float16 (as real checkpoints often are). */
    static TinyCheckpoints generate(NDManager manager, long seed) {
        GeneratedTensorSource text = GeneratedTensorSource.random(seed);
        GeneratedTensorSource unet = GeneratedTensorSource.random(seed + 1);
        GeneratedTensorSource vae = GeneratedTensorSource.random(seed + 2);
        ClipTextModel.load(Weights.of(text, manager, DataType.FLOAT32), ClipTextConfig.tiny());
        UNet2DConditionModel.load(Weights.of(unet, manager, DataType.FLOAT32), UNet2DConditionConfig.tiny());
        AutoencoderKL.load(Weights.of(vae, manager, DataType.FLOAT32), VaeConfig.tiny());
        return new TinyCheckpoints(half(text, manager), half(unet, manager), half(vae, manager));
    }

    private static Map<String, NDArray> half(TensorSource source, NDManager manager) {
        Map<String, NDArray> tensors = new TreeMap<>();
        for (String name : source.names()) {
            tensors.put(name, source.load(name, manager).toType(DataType.FLOAT16, false));
        }
        return tensors;
    }

    /** A diffusers folder; {@code extraTextEncoderTensors} are added to text_encoder/model.safetensors. */
    Path writeFolder(Path folder, Map<String, NDArray> extraTextEncoderTensors) throws IOException {
        Map<String, NDArray> text = new TreeMap<>(textEncoder);
        text.putAll(extraTextEncoderTensors);
        writeComponent(folder.resolve("text_encoder"), "model.safetensors", text, TEXT_ENCODER_CONFIG);
        writeComponent(folder.resolve("unet"), "diffusion_pytorch_model.safetensors", unet, UNET_CONFIG);
        writeComponent(folder.resolve("vae"), "diffusion_pytorch_model.safetensors", vae, VAE_CONFIG);
        Path tokenizer = Files.createDirectories(folder.resolve("tokenizer"));
        new ObjectMapper().writeValue(tokenizer.resolve("vocab.json").toFile(), byteLevelVocabulary());
        Files.writeString(tokenizer.resolve("merges.txt"), "#version: 0.2\n");
        Path scheduler = Files.createDirectories(folder.resolve("scheduler"));
        Files.writeString(scheduler.resolve("scheduler_config.json"), "{\"_class_name\":\"PNDMScheduler\"}");
        return folder;
    }

    private static void writeComponent(Path dir, String file, Map<String, NDArray> tensors, String config)
            throws IOException {
        Files.createDirectories(dir);
        SafetensorsWriter.write(dir.resolve(file), tensors, Map.of("format", "pt"));
        Files.writeString(dir.resolve("config.json"), config);
    }

    /** A single LDM file; {@code extraTensors} are added under their own (LDM) names. */
    Path writeSingleFile(Path file, Map<String, NDArray> extraTensors) {
        Map<String, NDArray> ldm = new TreeMap<>(extraTensors);
        try (StableDiffusionCheckpoint anchor =
                StableDiffusionCheckpoint.singleFile(Path.of("anchor"), Sd15LdmAnchor.load(), List.of())) {
            rename(textEncoder, anchor.textEncoder(), ldm);
            rename(unet, anchor.unet(), ldm);
            rename(vae, anchor.vae(), ldm);
        }
        SafetensorsWriter.write(file, ldm, Map.of("modelspec.title", "tiny"));
        return file;
    }

    private static void rename(Map<String, NDArray> tensors, TensorSource anchor, Map<String, NDArray> out) {
        RenamedTensorSource renamed = (RenamedTensorSource) anchor;
        Sd15LdmAnchor file = Sd15LdmAnchor.load();
        for (Map.Entry<String, NDArray> tensor : tensors.entrySet()) {
            String key = renamed.sourceKey(tensor.getKey());
            NDArray value = tensor.getValue();
            if (file.info(key).shape().dimension() == 4 && value.getShape().dimension() == 2) {
                value = value.reshape(value.getShape().get(0), value.getShape().get(1), 1, 1);
            }
            out.put(key, value);
        }
    }

    /**
     * The smallest vocabulary a CLIP tokenizer accepts: GPT-2's 256 byte symbols, each also as a word end, and the
     * two special tokens (printable bytes stand for themselves, the others are shifted past 255).
     */
    static Map<String, Integer> byteLevelVocabulary() {
        Map<String, Integer> vocabulary = new LinkedHashMap<>();
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = b >= 33 && b <= 126 || b >= 161 && b <= 172 || b >= 174;
            String symbol = String.valueOf((char) (printable ? b : 256 + shifted++));
            vocabulary.put(symbol, vocabulary.size());
            vocabulary.put(symbol + "</w>", vocabulary.size());
        }
        vocabulary.put("<|startoftext|>", vocabulary.size());
        vocabulary.put("<|endoftext|>", vocabulary.size());
        return vocabulary;
    }

    static Map<String, NDArray> none() {
        return new LinkedHashMap<>();
    }
}
