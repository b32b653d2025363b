package com.pawprint.diffusion.unet;

import com.pawprint.diffusion.attention.CrossAttentionConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Architecture of a {@link UNet2DConditionModel}, named after the fields of a diffusers {@code unet/config.json}.
 * Defaults are Stable Diffusion 1.5's ({@link #sd15()}).
 *
 * @param sampleSize latent height and width the model was trained at. SD 1.5: 64 (512 px).
 * @param inChannels latent channels in. SD 1.5: 4.
 * @param outChannels channels predicted. SD 1.5: 4.
 * @param centerInputSample maps the sample from [0, 1] to [-1, 1] first. SD 1.5: false.
 * @param flipSinToCos timestep features in [cos, sin] order. SD 1.5: true.
 * @param freqShift timestep frequency shift. SD 1.5: 0.
 * @param downBlockTypes {@code CrossAttnDownBlock2D} or {@code DownBlock2D} per stage. SD 1.5: 3 x CrossAttn + Down.
 * @param upBlockTypes {@code UpBlock2D} or {@code CrossAttnUpBlock2D} per stage. SD 1.5: Up + 3 x CrossAttn.
 * @param blockOutChannels channels per stage. SD 1.5: 320, 640, 1280, 1280.
 * @param layersPerBlock resnets per down stage (up stages have one more). SD 1.5: 2.
 * @param downsamplePadding padding of the downsampling convolutions. SD 1.5: 1.
 * @param midBlockScaleFactor output scale of the mid block's resnets. SD 1.5: 1.
 * @param normNumGroups group-norm groups. SD 1.5: 32.
 * @param normEps group-norm epsilon of resnets and the output norm. SD 1.5: 1e-5.
 * @param crossAttentionDim text-embedding width. SD 1.5: 768.
 * @param attentionHeads heads per stage. diffusers calls this {@code attention_head_dim} (a historical misnomer:
 *     {@code num_attention_heads} falls back to it), so 8 means 8 heads. SD 1.5: 8 for every stage.
 * @param useLinearProjection linear instead of 1x1-convolution {@code proj_in}/{@code proj_out}. SD 1.5: false.
 * @param querySliceSize attention query slice, not part of the checkpoint; see
 *     {@link CrossAttentionConfig#querySliceSize()}.
 */
public record UNet2DConditionConfig(
        int sampleSize,
        int inChannels,
        int outChannels,
        boolean centerInputSample,
        boolean flipSinToCos,
        double freqShift,
        List<String> downBlockTypes,
        List<String> upBlockTypes,
        List<Integer> blockOutChannels,
        int layersPerBlock,
        int downsamplePadding,
        double midBlockScaleFactor,
        int normNumGroups,
        double normEps,
        int crossAttentionDim,
        List<Integer> attentionHeads,
        boolean useLinearProjection,
        int querySliceSize) {

    public static final String CROSS_ATTN_DOWN = "CrossAttnDownBlock2D";
    public static final String DOWN = "DownBlock2D";
    public static final String CROSS_ATTN_UP = "CrossAttnUpBlock2D";
    public static final String UP = "UpBlock2D";
    public static final String MID = "UNetMidBlock2DCrossAttn";

    public UNet2DConditionConfig {
        downBlockTypes = List.copyOf(downBlockTypes);
        upBlockTypes = List.copyOf(upBlockTypes);
        blockOutChannels = List.copyOf(blockOutChannels);
        attentionHeads = List.copyOf(attentionHeads);
        int stages = blockOutChannels.size();
        if (stages == 0 || downBlockTypes.size() != stages || upBlockTypes.size() != stages
                || attentionHeads.size() != stages) {
            throw new IllegalArgumentException("block_out_channels " + blockOutChannels + ", down_block_types "
                    + downBlockTypes + ", up_block_types " + upBlockTypes + " and attention heads " + attentionHeads
                    + " must have one entry per stage");
        }
        requireKnown(downBlockTypes, Set.of(CROSS_ATTN_DOWN, DOWN), "down_block_types");
        requireKnown(upBlockTypes, Set.of(CROSS_ATTN_UP, UP), "up_block_types");
        for (int channels : blockOutChannels) {
            if (channels <= 0 || channels % normNumGroups != 0) {
                throw new IllegalArgumentException(
                        "norm_num_groups " + normNumGroups + " does not divide block channels " + channels);
            }
        }
        if (inChannels <= 0 || outChannels <= 0 || layersPerBlock <= 0 || crossAttentionDim <= 0
                || querySliceSize < 0) {
            throw new IllegalArgumentException("invalid UNet config: in " + inChannels + ", out " + outChannels
                    + ", layers_per_block " + layersPerBlock + ", cross_attention_dim " + crossAttentionDim);
        }
    }

    /** Stable Diffusion 1.5 ({@code runwayml/stable-diffusion-v1-5/unet/config.json}). */
    public static UNet2DConditionConfig sd15() {
        return new UNet2DConditionConfig(64, 4, 4, false, true, 0.0,
                List.of(CROSS_ATTN_DOWN, CROSS_ATTN_DOWN, CROSS_ATTN_DOWN, DOWN),
                List.of(UP, CROSS_ATTN_UP, CROSS_ATTN_UP, CROSS_ATTN_UP),
                List.of(320, 640, 1280, 1280), 2, 1, 1.0, 32, 1e-5, 768, List.of(8, 8, 8, 8), false,
                CrossAttentionConfig.DEFAULT_QUERY_SLICE_SIZE);
    }

    /** The team's small test configuration: SD 1.5's architecture with channels 32/32/64/64, 4 heads, context 64. */
    public static UNet2DConditionConfig tiny() {
        UNet2DConditionConfig sd = sd15();
        return new UNet2DConditionConfig(8, 4, 4, false, true, 0.0, sd.downBlockTypes(), sd.upBlockTypes(),
                List.of(32, 32, 64, 64), 2, 1, 1.0, 8, 1e-5, 64, List.of(4, 4, 4, 4), false,
                CrossAttentionConfig.DEFAULT_QUERY_SLICE_SIZE);
    }

    public UNet2DConditionConfig withQuerySliceSize(int size) {
        return new UNet2DConditionConfig(sampleSize, inChannels, outChannels, centerInputSample, flipSinToCos,
                freqShift, downBlockTypes, upBlockTypes, blockOutChannels, layersPerBlock, downsamplePadding,
                midBlockScaleFactor, normNumGroups, normEps, crossAttentionDim, attentionHeads, useLinearProjection,
                size);
    }

    /** Width of the time embedding the resnets read: 4 x block_out_channels[0]. */
    public int timeEmbeddingChannels() {
        return blockOutChannels.get(0) * 4;
    }

    public static UNet2DConditionConfig fromJson(Path configJson) throws IOException {
        return fromJson(Files.readString(configJson, StandardCharsets.UTF_8));
    }

    /**
     * Reads a diffusers {@code unet/config.json}. Absent keys take SD 1.5's values; options that change the
     * architecture beyond SD 1.x (class or addition embeddings, other block types, scale-shift time embedding) are
     * rejected with the key that asked for them.
     */
    public static UNet2DConditionConfig fromJson(String json) {
        ConfigJson o = ConfigJson.parse("UNet", json);
        UNet2DConditionConfig sd = sd15();
        o.requireAbsentOr("mid_block_type", MID);
        o.requireAbsentOr("act_fn", "silu");
        o.requireAbsentOr("time_embedding_type", "positional");
        o.requireAbsentOr("resnet_time_scale_shift", "default");
        o.requireAbsentOr("conv_in_kernel", "3");
        o.requireAbsentOr("conv_out_kernel", "3");
        o.requireAbsentOr("transformer_layers_per_block", "1");
        o.requireAbsentOr("only_cross_attention", "false");
        o.requireAbsentOr("dual_cross_attention", "false");
        o.requireAbsentOr("class_embed_type", null);
        o.requireAbsentOr("addition_embed_type", null);
        o.requireAbsentOr("encoder_hid_dim", null);
        List<Integer> channels = o.intList("block_out_channels", sd.blockOutChannels());
        int stages = channels.size();
        List<Integer> heads = o.has("num_attention_heads")
                ? o.perStage("num_attention_heads", stages, sd.attentionHeads())
                : o.perStage("attention_head_dim", stages, Collections.nCopies(stages, 8));
        return new UNet2DConditionConfig(
                o.intValue("sample_size", sd.sampleSize()),
                o.intValue("in_channels", sd.inChannels()),
                o.intValue("out_channels", sd.outChannels()),
                o.boolValue("center_input_sample", sd.centerInputSample()),
                o.boolValue("flip_sin_to_cos", sd.flipSinToCos()),
                o.doubleValue("freq_shift", sd.freqShift()),
                o.stringList("down_block_types", sd.downBlockTypes()),
                o.stringList("up_block_types", sd.upBlockTypes()),
                channels,
                o.intValue("layers_per_block", sd.layersPerBlock()),
                o.intValue("downsample_padding", sd.downsamplePadding()),
                o.doubleValue("mid_block_scale_factor", sd.midBlockScaleFactor()),
                o.intValue("norm_num_groups", sd.normNumGroups()),
                o.doubleValue("norm_eps", sd.normEps()),
                o.intValue("cross_attention_dim", sd.crossAttentionDim()),
                heads,
                o.boolValue("use_linear_projection", sd.useLinearProjection()),
                sd.querySliceSize());
    }

    private static void requireKnown(List<String> types, Set<String> known, String key) {
        for (String type : types) {
            if (!known.contains(type)) {
                throw new IllegalArgumentException(key + " entry " + type + " is not supported; supported: " + known);
            }
        }
    }
}
