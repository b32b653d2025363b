package com.pawprint.diffusion.pipeline;

import com.pawprint.diffusion.clip.ClipTextConfig;
import com.pawprint.diffusion.schedulers.NoiseScheduleConfig;
import com.pawprint.diffusion.unet.UNet2DConditionConfig;
import com.pawprint.diffusion.vae.VaeConfig;
import java.util.Objects;

/**
 * The architecture of a whole Stable Diffusion 1.x model: one config per component, as in the {@code config.json}
 * files of a diffusers folder.
 *
 * @param textEncoder   the CLIP text encoder. SD 1.5: {@link ClipTextConfig#sd15()}.
 * @param unet          the denoising UNet. SD 1.5: {@link UNet2DConditionConfig#sd15()}.
 * @param vae           the autoencoder. SD 1.5: {@link VaeConfig#sd15()}.
 * @param noiseSchedule the training noise schedule samplers derive their steps from. SD 1.5:
 *                      {@link NoiseScheduleConfig#sd15()}.
 */
public record ModelConfig(ClipTextConfig textEncoder, UNet2DConditionConfig unet, VaeConfig vae,
        NoiseScheduleConfig noiseSchedule) {

    public ModelConfig {
        Objects.requireNonNull(textEncoder, "textEncoder");
        Objects.requireNonNull(unet, "unet");
        Objects.requireNonNull(vae, "vae");
        Objects.requireNonNull(noiseSchedule, "noiseSchedule");
        if (unet.crossAttentionDim() != textEncoder.hiddenSize()) {
            throw new IllegalArgumentException("the UNet attends to " + unet.crossAttentionDim()
                    + "-wide text embeddings but the text encoder is " + textEncoder.hiddenSize() + " wide");
        }
        if (unet.inChannels() != vae.latentChannels()) {
            throw new IllegalArgumentException("the UNet takes " + unet.inChannels() + " channels but the VAE has "
                    + vae.latentChannels() + " latent channels");
        }
    }

    /** runwayml/stable-diffusion-v1-5. */
    public static ModelConfig sd15() {
        return new ModelConfig(ClipTextConfig.sd15(), UNet2DConditionConfig.sd15(), VaeConfig.sd15(),
                NoiseScheduleConfig.sd15());
    }

    /** The team's tiny test configs (same architecture as SD 1.5, a few MB of weights). */
    public static ModelConfig tiny() {
        return new ModelConfig(ClipTextConfig.tiny(), UNet2DConditionConfig.tiny(), VaeConfig.tiny(),
                NoiseScheduleConfig.sd15());
    }

    /** Pixels per latent cell (8 for SD 1.5): image sizes must be multiples of it. */
    public int pixelsPerLatent() {
        return vae.downscaleFactor();
    }
}
