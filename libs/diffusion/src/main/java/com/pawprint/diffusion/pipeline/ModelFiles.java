package com.pawprint.diffusion.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pawprint.diffusion.clip.ClipTextConfig;
import com.pawprint.diffusion.clip.ClipTextModel;
import com.pawprint.diffusion.loader.CheckpointFormat;
import com.pawprint.diffusion.loader.ModelConfigs;
import com.pawprint.diffusion.loader.StableDiffusionCheckpoint;
import com.pawprint.diffusion.nn.GeneratedTensorSource;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.safetensors.SafetensorsWriter;
import com.pawprint.diffusion.schedulers.NoiseScheduleConfig;
import com.pawprint.diffusion.unet.UNet2DConditionConfig;
import com.pawprint.diffusion.unet.UNet2DConditionModel;
import com.pawprint.diffusion.vae.AutoencoderKL;
import com.pawprint.diffusion.vae.VaeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes generated models as real checkpoints, in both layouts the loader reads, and reads back the configs a
 * single file declares. A newcomer can try the whole pipeline on such files without downloading weights, and tests
 * prove that both layouts load to the same model.
 */
public final class ModelFiles {

    /**
     * Single-file metadata holding the diffusers configs as JSON ({@code {"text_encoder": {...}, "unet": {...},
     * "vae": {...}}}); LDM files carry no configs, so files of other sizes than SD 1.5 need it.
     */
    public static final String CONFIG_METADATA_KEY = "pawprint.diffusers_configs";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFiles() {
    }

    /** The weights {@link StableDiffusion#random} builds for {@code seed}, in float32, by diffusers name. */
    public record GeneratedWeights(Map<String, NDArray> textEncoder, Map<String, NDArray> unet,
            Map<String, NDArray> vae) {
    }

    /** Materializes exactly the weights of {@code StableDiffusion.random(configs, seed, cpu)} into {@code manager}. */
    public static GeneratedWeights generate(ModelConfigs configs, long seed, NDManager manager) {
        GeneratedTensorSource text = GeneratedTensorSource.random(seed);
        GeneratedTensorSource unet = GeneratedTensorSource.random(seed + 1);
        GeneratedTensorSource vae = GeneratedTensorSource.random(seed + 2);
        try (NDManager scratch = manager.newSubManager()) {
            ClipTextModel.load(Weights.of(text, scratch, DataType.FLOAT32), configs.textEncoder());
            UNet2DConditionModel.load(Weights.of(unet, scratch, DataType.FLOAT32), configs.unet());
            AutoencoderKL.load(Weights.of(vae, scratch, DataType.FLOAT32), configs.vae());
        }
        return new GeneratedWeights(loadAll(text, manager), loadAll(unet, manager), loadAll(vae, manager));
    }

    private static Map<String, NDArray> loadAll(GeneratedTensorSource source, NDManager manager) {
        Map<String, NDArray> tensors = new TreeMap<>();
        for (String name : source.names()) {
            tensors.put(name, source.load(name, manager));
        }
        return tensors;
    }

    /**
     * A diffusers folder: {@code text_encoder/}, {@code unet/}, {@code vae/} (weights + config.json),
     * {@code tokenizer/} (the {@link ByteLevelVocabulary} when the vocabulary is smaller than CLIP's) and
     * {@code scheduler/scheduler_config.json}.
     */
    public static Path writeDiffusersFolder(Path folder, ModelConfigs configs, GeneratedWeights weights)
            throws IOException {
        writeComponent(folder.resolve("text_encoder"), "model.safetensors", weights.textEncoder(),
                textEncoderJson(configs.textEncoder()));
        writeComponent(folder.resolve("unet"), "diffusion_pytorch_model.safetensors", weights.unet(),
                unetJson(configs.unet()));
        writeComponent(folder.resolve("vae"), "diffusion_pytorch_model.safetensors", weights.vae(),
                vaeJson(configs.vae()));
        ByteLevelVocabulary.writeDiffusersTokenizer(folder.resolve("tokenizer"));
        Path scheduler = Files.createDirectories(folder.resolve("scheduler"));
        JSON.writerWithDefaultPrettyPrinter().writeValue(scheduler.resolve("scheduler_config.json").toFile(),
                schedulerJson(NoiseScheduleConfig.sd15()));
        return folder;
    }

    private static void writeComponent(Path dir, String file, Map<String, NDArray> tensors, ObjectNode config)
            throws IOException {
        Files.createDirectories(dir);
        SafetensorsWriter.write(dir.resolve(file), tensors, Map.of("format", "pt"));
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("config.json").toFile(), config);
    }

    /**
     * A single-file LDM checkpoint (CompVis names, as {@code v1-5-pruned-emaonly.safetensors}), with the configs
     * in {@link #CONFIG_METADATA_KEY}. Its text encoder expects CLIP's own vocabulary, which single files never ship:
     * only write configs whose vocabulary is CLIP's or the loader pairs it with the bundled CLIP tokenizer.
     */
    public static Path writeSingleFile(Path file, ModelConfigs configs, GeneratedWeights weights) {
        Map<String, NDArray> ldm = new TreeMap<>();
        weights.textEncoder().forEach((name, value) -> ldm.put(LdmNames.textEncoder(name), value));
        weights.unet().forEach((name, value) -> ldm.put(LdmNames.unet(name, configs.unet()), value));
        int stages = configs.vae().blockOutChannels().size();
        weights.vae().forEach((name, value) -> {
            boolean attention = LdmNames.isVaeAttentionProjection(name);
            ldm.put(LdmNames.vae(name, stages), attention && value.getShape().dimension() == 2
                    ? value.reshape(value.getShape().get(0), value.getShape().get(1), 1, 1) : value);
        });
        ObjectNode declared = JSON.createObjectNode();
        declared.set("text_encoder", textEncoderJson(configs.textEncoder()));
        declared.set("unet", unetJson(configs.unet()));
        declared.set("vae", vaeJson(configs.vae()));
        SafetensorsWriter.write(file, ldm, Map.of("format", "pt", CONFIG_METADATA_KEY, declared.toString()));
        return file;
    }

    /** The configs of an open checkpoint: a folder's config.json files, a single file's metadata, else SD 1.5. */
    public static ModelConfigs declaredConfigs(StableDiffusionCheckpoint checkpoint) {
        String declared = checkpoint.format() == CheckpointFormat.LDM_SINGLE_FILE
                ? checkpoint.metadata().get(CONFIG_METADATA_KEY) : null;
        if (declared == null) {
            return ModelConfigs.of(checkpoint);
        }
        try {
            JsonNode node = JSON.readTree(declared);
            return new ModelConfigs(ClipTextConfig.fromJson(node.path("text_encoder")),
                    UNet2DConditionConfig.fromJson(node.path("unet").toString()),
                    VaeConfig.fromJson(node.path("vae").toString()));
        } catch (IOException e) {
            throw new IllegalArgumentException(checkpoint.path() + ": metadata " + CONFIG_METADATA_KEY
                    + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** {@code text_encoder/config.json}. */
    public static ObjectNode textEncoderJson(ClipTextConfig config) {
        ObjectNode json = JSON.createObjectNode();
        json.putArray("architectures").add("CLIPTextModel");
        json.put("vocab_size", config.vocabSize());
        json.put("hidden_size", config.hiddenSize());
        json.put("intermediate_size", config.intermediateSize());
        json.put("num_hidden_layers", config.numHiddenLayers());
        json.put("num_attention_heads", config.numAttentionHeads());
        json.put("max_position_embeddings", config.maxPositionEmbeddings());
        json.put("hidden_act", config.hiddenAct().configName());
        json.put("layer_norm_eps", config.layerNormEps());
        return json;
    }

    /** {@code unet/config.json}; {@code attention_head_dim} is diffusers' name for the head count. */
    public static ObjectNode unetJson(UNet2DConditionConfig config) {
        ObjectNode json = JSON.createObjectNode();
        json.put("_class_name", "UNet2DConditionModel");
        json.put("sample_size", config.sampleSize());
        json.put("in_channels", config.inChannels());
        json.put("out_channels", config.outChannels());
        json.put("center_input_sample", config.centerInputSample());
        json.put("flip_sin_to_cos", config.flipSinToCos());
        json.put("freq_shift", config.freqShift());
        config.downBlockTypes().forEach(json.putArray("down_block_types")::add);
        config.upBlockTypes().forEach(json.putArray("up_block_types")::add);
        config.blockOutChannels().forEach(json.putArray("block_out_channels")::add);
        json.put("layers_per_block", config.layersPerBlock());
        json.put("downsample_padding", config.downsamplePadding());
        json.put("mid_block_scale_factor", config.midBlockScaleFactor());
        json.put("norm_num_groups", config.normNumGroups());
        json.put("norm_eps", config.normEps());
        json.put("cross_attention_dim", config.crossAttentionDim());
        config.attentionHeads().forEach(json.putArray("attention_head_dim")::add);
        json.put("use_linear_projection", config.useLinearProjection());
        return json;
    }

    /** {@code vae/config.json}. */
    public static ObjectNode vaeJson(VaeConfig config) {
        ObjectNode json = JSON.createObjectNode();
        json.put("_class_name", "AutoencoderKL");
        json.put("in_channels", config.inChannels());
        json.put("out_channels", config.outChannels());
        config.blockOutChannels().forEach(json.putArray("block_out_channels")::add);
        json.put("layers_per_block", config.layersPerBlock());
        json.put("latent_channels", config.latentChannels());
        json.put("norm_num_groups", config.normNumGroups());
        json.put("sample_size", config.sampleSize());
        json.put("scaling_factor", config.scalingFactor());
        json.put("use_quant_conv", config.useQuantConv());
        json.put("use_post_quant_conv", config.usePostQuantConv());
        return json;
    }

    /** {@code scheduler/scheduler_config.json}. */
    public static ObjectNode schedulerJson(NoiseScheduleConfig config) {
        ObjectNode json = JSON.createObjectNode();
        json.put("_class_name", "PNDMScheduler");
        json.put("num_train_timesteps", config.trainTimesteps());
        json.put("beta_start", config.betaStart());
        json.put("beta_end", config.betaEnd());
        json.put("beta_schedule", config.betaSchedule().name().toLowerCase(Locale.ROOT));
        json.put("prediction_type", config.predictionType().name().toLowerCase(Locale.ROOT));
        json.put("steps_offset", config.stepsOffset());
        json.put("set_alpha_to_one", config.setAlphaToOne());
        return json;
    }
}
