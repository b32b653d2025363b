package com.pawprint.diffusion.loader;

import ai.djl.ndarray.NDManager;
import com.pawprint.diffusion.clip.ClipTextModel;
import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.diffusion.nn.ModuleRegistry;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.tokenizer.ClipTokenizer;
import com.pawprint.diffusion.unet.UNet2DConditionModel;
import com.pawprint.diffusion.vae.AutoencoderKL;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A loaded Stable Diffusion 1.x model: tokenizer, text encoder, UNet and VAE on one device, plus the module registries
 * LoRA adapters attach to. Every weight is copied into this object's manager while loading, so the checkpoint file is
 * closed again at once; {@link #close} frees the weights.
 */
public final class StableDiffusionModels implements AutoCloseable {

    private final ComputeDevice device;
    private final NDManager manager;
    private final ModelConfigs configs;
    private final ClipTokenizer tokenizer;
    private final Weights textEncoderWeights;
    private final Weights unetWeights;
    private final ClipTextModel textEncoder;
    private final UNet2DConditionModel unet;
    private final AutoencoderKL vae;
    private final List<String> unusedKeys;
    private final Optional<Path> schedulerConfig;

    private StableDiffusionModels(ComputeDevice device, NDManager manager, ModelConfigs configs,
            ClipTokenizer tokenizer, Weights textEncoderWeights, Weights unetWeights, ClipTextModel textEncoder,
            UNet2DConditionModel unet, AutoencoderKL vae, List<String> unusedKeys, Optional<Path> schedulerConfig) {
        this.device = device;
        this.manager = manager;
        this.configs = configs;
        this.tokenizer = tokenizer;
        this.textEncoderWeights = textEncoderWeights;
        this.unetWeights = unetWeights;
        this.textEncoder = textEncoder;
        this.unet = unet;
        this.vae = vae;
        this.unusedKeys = unusedKeys;
        this.schedulerConfig = schedulerConfig;
    }

    /** Opens {@code path} (diffusers folder or single-file LDM) and loads it with the configs it declares. */
    public static StableDiffusionModels load(Path path, ComputeDevice device) {
        try (StableDiffusionCheckpoint checkpoint = StableDiffusionCheckpoint.open(path)) {
            return load(checkpoint, device, ModelConfigs.of(checkpoint));
        }
    }

    /**
     * Loads the three models of an open checkpoint with explicit configs (a single file of a non-SD 1.5 size, such
     * as a test model). The VAE stays in float32 on every device, because it overflows in float16 (sd-lora-facts).
     */
    public static StableDiffusionModels load(StableDiffusionCheckpoint checkpoint, ComputeDevice device,
            ModelConfigs configs) {
        NDManager manager = device.newManager();
        try {
            Weights text = Weights.of(checkpoint.textEncoder(), manager, device.dtype());
            Weights unet = Weights.of(checkpoint.unet(), manager, device.dtype());
            Weights vae = Weights.of(checkpoint.vae(), manager, ai.djl.ndarray.types.DataType.FLOAT32);
            ClipTextModel textModel = ClipTextModel.load(text, configs.textEncoder());
            UNet2DConditionModel unetModel = UNet2DConditionModel.load(unet, configs.unet());
            AutoencoderKL vaeModel = AutoencoderKL.load(vae, configs.vae());
            List<String> unused = checkpoint.reportUnusedKeys(text, unet, vae);
            return new StableDiffusionModels(device, manager, configs, checkpoint.tokenizer(), text, unet, textModel,
                    unetModel, vaeModel, unused, checkpoint.componentConfig("scheduler"));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public ComputeDevice device() {
        return device;
    }

    /** The manager holding every weight; derive per-step sub-managers or scopes from it. */
    public NDManager manager() {
        return manager;
    }

    public ModelConfigs configs() {
        return configs;
    }

    public ClipTokenizer tokenizer() {
        return tokenizer;
    }

    public ClipTextModel textEncoder() {
        return textEncoder;
    }

    public UNet2DConditionModel unet() {
        return unet;
    }

    public AutoencoderKL vae() {
        return vae;
    }

    /** Every Linear/Conv2d of the text encoder by its path ({@code text_model.encoder.layers.0.self_attn.q_proj}). */
    public ModuleRegistry textEncoderModules() {
        return textEncoderWeights.registry();
    }

    /** Every Linear/Conv2d of the UNet by its diffusers path ({@code down_blocks.0.attentions.0.proj_in}). */
    public ModuleRegistry unetModules() {
        return unetWeights.registry();
    }

    /** Tensors of the checkpoint no model read, by their names in the file (also logged while loading). */
    public List<String> unusedKeys() {
        return unusedKeys;
    }

    /** The folder's {@code scheduler/scheduler_config.json}; empty for single files. */
    public Optional<Path> schedulerConfig() {
        return schedulerConfig;
    }

    @Override
    public void close() {
        manager.close();
    }
}
