package com.pawprint.diffusion.vae;

import com.pawprint.diffusion.unet.ConfigJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Architecture of an {@link AutoencoderKL}, named after the fields of a diffusers {@code vae/config.json}.
 * Defaults are Stable Diffusion 1.5's ({@link #sd15()}).
 *
 * @param inChannels image channels in. SD 1.5: 3.
 * @param outChannels image channels out. SD 1.5: 3.
 * @param blockOutChannels channels per stage (every stage but the last halves the size). SD 1.5: 128, 256, 512, 512.
 * @param layersPerBlock resnets per encoder stage (decoder stages have one more). SD 1.5: 2.
 * @param latentChannels latent channels. SD 1.5: 4.
 * @param normNumGroups group-norm groups. SD 1.5: 32.
 * @param sampleSize image size the model was trained at. SD 1.5: 512.
 * @param scalingFactor latents are multiplied by this before the UNet sees them. SD 1.5: 0.18215.
 * @param useQuantConv whether {@code quant_conv} follows the encoder. SD 1.5: true.
 * @param usePostQuantConv whether {@code post_quant_conv} precedes the decoder. SD 1.5: true.
 */
public record VaeConfig(int inChannels, int outChannels, List<Integer> blockOutChannels, int layersPerBlock,
        int latentChannels, int normNumGroups, int sampleSize, double scalingFactor, boolean useQuantConv,
        boolean usePostQuantConv) {

    /** Group-norm epsilon everywhere in the VAE (fixed in diffusers' Encoder and Decoder). */
    public static final double NORM_EPS = 1e-6;

    public VaeConfig {
        blockOutChannels = List.copyOf(blockOutChannels);
        if (blockOutChannels.isEmpty()) {
            throw new IllegalArgumentException("VAE block_out_channels must not be empty");
        }
        for (int channels : blockOutChannels) {
            if (channels <= 0 || channels % normNumGroups != 0) {
                throw new IllegalArgumentException(
                        "norm_num_groups " + normNumGroups + " does not divide VAE block channels " + channels);
            }
        }
        if (inChannels <= 0 || outChannels <= 0 || latentChannels <= 0 || layersPerBlock <= 0
                || scalingFactor <= 0) {
            throw new IllegalArgumentException("invalid VAE config: in " + inChannels + ", out " + outChannels
                    + ", latent " + latentChannels + ", layers " + layersPerBlock + ", scaling " + scalingFactor);
        }
    }

    /** Stable Diffusion 1.5 ({@code runwayml/stable-diffusion-v1-5/vae/config.json}). */
    public static VaeConfig sd15() {
        return new VaeConfig(3, 3, List.of(128, 256, 512, 512), 2, 4, 32, 512, 0.18215, true, true);
    }

    /** The team's small test configuration: SD 1.5's architecture with channels 16/32/32/32 and 8 groups. */
    public static VaeConfig tiny() {
        return new VaeConfig(3, 3, List.of(16, 32, 32, 32), 2, 4, 8, 32, 0.18215, true, true);
    }

    /** Image pixels per latent pixel along each side: 2 per downsampling stage (8 for SD 1.5). */
    public int downscaleFactor() {
        return 1 << (blockOutChannels.size() - 1);
    }

    public static VaeConfig fromJson(Path configJson) throws IOException {
        return fromJson(Files.readString(configJson, StandardCharsets.UTF_8));
    }

    /**
     * Reads a diffusers {@code vae/config.json}. Absent keys take SD 1.5's values; other block types, activations or
     * a latent shift (SD 3, Flux) are rejected with the key that asked for them.
     */
    public static VaeConfig fromJson(String json) {
        ConfigJson o = ConfigJson.parse("VAE", json);
        VaeConfig sd = sd15();
        o.requireAbsentOr("act_fn", "silu");
        o.requireAbsentOr("shift_factor", null);
        o.requireAbsentOr("mid_block_add_attention", "true");
        List<Integer> channels = o.intList("block_out_channels", sd.blockOutChannels());
        for (String type : o.stringList("down_block_types", List.of())) {
            requireType("down_block_types", type, "DownEncoderBlock2D");
        }
        for (String type : o.stringList("up_block_types", List.of())) {
            requireType("up_block_types", type, "UpDecoderBlock2D");
        }
        return new VaeConfig(
                o.intValue("in_channels", sd.inChannels()),
                o.intValue("out_channels", sd.outChannels()),
                channels,
                o.intValue("layers_per_block", sd.layersPerBlock()),
                o.intValue("latent_channels", sd.latentChannels()),
                o.intValue("norm_num_groups", sd.normNumGroups()),
                o.intValue("sample_size", sd.sampleSize()),
                o.doubleValue("scaling_factor", sd.scalingFactor()),
                o.boolValue("use_quant_conv", sd.useQuantConv()),
                o.boolValue("use_post_quant_conv", sd.usePostQuantConv()));
    }

    private static void requireType(String key, String type, String supported) {
        if (!type.equals(supported)) {
            throw new IllegalArgumentException(
                    "unsupported VAE config " + key + " entry " + type + " (supported: " + supported + ")");
        }
    }
}
