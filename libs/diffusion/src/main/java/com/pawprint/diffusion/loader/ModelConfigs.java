package com.pawprint.diffusion.loader;

import com.pawprint.diffusion.attention.CrossAttentionConfig;
import com.pawprint.diffusion.clip.ClipTextConfig;
import com.pawprint.diffusion.unet.UNet2DConditionConfig;
import com.pawprint.diffusion.vae.VaeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The architectures of the three models of one checkpoint.
 *
 * @param textEncoder the CLIP text encoder
 * @param unet        the denoising UNet
 * @param vae         the autoencoder
 */
public record ModelConfigs(ClipTextConfig textEncoder, UNet2DConditionConfig unet, VaeConfig vae) {

    /** Stable Diffusion 1.5, what single-file checkpoints mean since they carry no configs. */
    public static ModelConfigs sd15() {
        return new ModelConfigs(ClipTextConfig.sd15(), UNet2DConditionConfig.sd15(), VaeConfig.sd15());
    }

    /** The team's tiny test configs (team-brief.md). */
    public static ModelConfigs tiny() {
        return new ModelConfigs(ClipTextConfig.tiny(), UNet2DConditionConfig.tiny(), VaeConfig.tiny());
    }

    /**
     * The tiny text encoder and VAE around the UNet of the PyTorch anchor's {@code small} configuration
     * (shared/anchors/pytorch/bench_train_step.py: blocks 32/64/128/128, cross-attention 64): big enough to time,
     * small enough for a laptop, and the same on both sides of a benchmark.
     */
    public static ModelConfigs small() {
        UNet2DConditionConfig sd = UNet2DConditionConfig.sd15();
        UNet2DConditionConfig unet = new UNet2DConditionConfig(16, 4, 4, false, true, 0.0, sd.downBlockTypes(),
                sd.upBlockTypes(), List.of(32, 64, 128, 128), 2, 1, 1.0, 32, 1e-5, 64, List.of(8, 8, 8, 8), false,
                CrossAttentionConfig.DEFAULT_QUERY_SLICE_SIZE);
        ModelConfigs tiny = tiny();
        return new ModelConfigs(tiny.textEncoder(), unet, tiny.vae());
    }

    /** What {@code checkpoint} declares: a folder's {@code config.json} files, SD 1.5 for whatever is absent. */
    public static ModelConfigs of(StableDiffusionCheckpoint checkpoint) {
        try {
            Optional<Path> unet = checkpoint.componentConfig("unet");
            Optional<Path> vae = checkpoint.componentConfig("vae");
            return new ModelConfigs(checkpoint.textEncoderConfig(),
                    unet.isPresent() ? UNet2DConditionConfig.fromJson(unet.get()) : UNet2DConditionConfig.sd15(),
                    vae.isPresent() ? VaeConfig.fromJson(vae.get()) : VaeConfig.sd15());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configs of " + checkpoint.path(), e);
        }
    }
}
