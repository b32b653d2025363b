package com.pawprint.diffusion.loader;

import com.pawprint.diffusion.clip.ClipTextConfig;
import com.pawprint.diffusion.unet.UNet2DConditionConfig;
import com.pawprint.diffusion.vae.VaeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
