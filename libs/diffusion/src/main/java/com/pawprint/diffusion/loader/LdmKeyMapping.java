package com.pawprint.diffusion.loader;

import com.pawprint.diffusion.loader.RenamedTensorSource.Origin;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps single-file (CompVis LDM) key names to diffusers names, derived from how the two codebases lay out the same
 * blocks rather than from a table: LDM numbers the UNet's blocks in one flat list ({@code input_blocks.N}, each
 * stage holding {@code layers_per_block} resnet/attention pairs and then a downsampler), diffusers nests them
 * ({@code down_blocks.i.resnets.j}); the LDM VAE decoder counts its stages from the lowest resolution up, diffusers
 * from the top. Block counts are read off the keys, so the mapping fits any SD 1.x-shaped model, the tiny test
 * configs included.
 *
 * <p>The UNet conversions are public for adapters whose keys use LDM names (A1111/ComfyUI-style LoRAs).
 */
public final class LdmKeyMapping {

    public static final String UNET_PREFIX = "model.diffusion_model.";
    public static final String VAE_PREFIX = "first_stage_model.";
    public static final String TEXT_ENCODER_PREFIX = "cond_stage_model.transformer.";

    /**
     * One component's renaming.
     *
     * @param origins  diffusers name to the LDM key it is read from
     * @param unmapped keys under the component's prefix that have no diffusers counterpart
     */
    record Mapping(Map<String, Origin> origins, List<String> unmapped) {
    }

    private static final Pattern INPUT_BLOCK = Pattern.compile("input_blocks\\.(\\d+)\\.(\\d+)\\.(.+)");
    private static final Pattern OUTPUT_BLOCK = Pattern.compile("output_blocks\\.(\\d+)\\.(\\d+)\\.(.+)");
    private static final Pattern MIDDLE_BLOCK = Pattern.compile("middle_block\\.(\\d+)\\.(.+)");
    private static final Pattern VAE_ENCODER_BLOCK = Pattern.compile("encoder\\.down\\.(\\d+)\\.block\\.(\\d+)\\.(.+)");
    private static final Pattern VAE_DOWNSAMPLE = Pattern.compile("encoder\\.down\\.(\\d+)\\.downsample\\.conv\\.(.+)");
    private static final Pattern VAE_DECODER_BLOCK = Pattern.compile("decoder\\.up\\.(\\d+)\\.block\\.(\\d+)\\.(.+)");
    private static final Pattern VAE_UPSAMPLE = Pattern.compile("decoder\\.up\\.(\\d+)\\.upsample\\.conv\\.(.+)");
    private static final Pattern VAE_MID = Pattern.compile("(encoder|decoder)\\.mid\\.(block_1|block_2|attn_1)\\.(.+)");

    private LdmKeyMapping() {
    }

    static Mapping unet(Set<String> keys) {
        int stride = unetStageStride(keys);
        return map(keys, UNET_PREFIX, key -> unetNameOrNull(key, stride), false);
    }

    static Mapping vae(Set<String> keys) {
        int stages = vaeStageCount(keys);
        return map(keys, VAE_PREFIX, key -> vaeName(key, stages), true);
    }

    static Mapping textEncoder(Set<String> keys) {
        return map(keys, TEXT_ENCODER_PREFIX, key -> key.startsWith("text_model.") ? key : "text_model." + key, false);
    }

    private static Mapping map(Set<String> keys, String prefix, java.util.function.Function<String, String> rename,
            boolean squeezeAttention) {
        Map<String, Origin> origins = new TreeMap<>();
        List<String> unmapped = new ArrayList<>();
        for (String key : keys) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            String name = rename.apply(key.substring(prefix.length()));
            if (name == null) {
                unmapped.add(key);
                continue;
            }
            boolean squeeze = squeezeAttention && name.contains(".attentions.") && name.endsWith(".weight")
                    && !name.contains(".group_norm.");
            Origin previous = origins.put(name, new Origin(key, squeeze));
            if (previous != null) {
                throw new UnsupportedCheckpointException("keys '" + previous.sourceKey() + "' and '" + key
                        + "' both map to '" + name + "'.");
            }
        }
        return new Mapping(Collections.unmodifiableMap(origins), List.copyOf(unmapped));
    }

    /**
     * LDM's flat index advances by {@code layers_per_block + 1} per stage (the extra slot is the downsampler), so the
     * first downsampler's index is that stride.
     */
    private static int unetStageStride(Set<String> keys) {
        int stride = Integer.MAX_VALUE;
        for (String key : keys) {
            if (key.startsWith(UNET_PREFIX)) {
                Matcher m = INPUT_BLOCK.matcher(key.substring(UNET_PREFIX.length()));
                if (m.matches() && m.group(3).startsWith("op.")) {
                    stride = Math.min(stride, Integer.parseInt(m.group(1)));
                }
            }
        }
        return stride == Integer.MAX_VALUE ? 3 : stride;
    }

    private static int vaeStageCount(Set<String> keys) {
        int stages = 0;
        for (String key : keys) {
            if (key.startsWith(VAE_PREFIX)) {
                Matcher m = VAE_ENCODER_BLOCK.matcher(key.substring(VAE_PREFIX.length()));
                if (m.matches()) {
                    stages = Math.max(stages, Integer.parseInt(m.group(1)) + 1);
                }
            }
        }
        return stages;
    }

    /**
     * The diffusers name of an LDM UNet tensor given without {@code model.diffusion_model.}, e.g.
     * {@code input_blocks.1.1.proj_in.weight} to {@code down_blocks.0.attentions.0.proj_in.weight}; empty when the
     * name has no diffusers counterpart.
     */
    public static java.util.Optional<String> unetName(String ldmName, int layersPerBlock) {
        if (layersPerBlock < 1) {
            throw new IllegalArgumentException("layers per block must be positive, got " + layersPerBlock);
        }
        return java.util.Optional.ofNullable(unetNameOrNull(ldmName, layersPerBlock + 1));
    }

    /**
     * {@link #unetName} for a module path, e.g. {@code output_blocks.3.0.skip_connection} to
     * {@code up_blocks.1.resnets.0.conv_shortcut}.
     */
    public static java.util.Optional<String> unetModulePath(String ldmModulePath, int layersPerBlock) {
        return unetName(ldmModulePath + ".weight", layersPerBlock)
                .map(name -> name.substring(0, name.length() - ".weight".length()));
    }

    private static String unetNameOrNull(String key, int stride) {
        if (key.startsWith("time_embed.0.")) {
            return "time_embedding.linear_1." + key.substring("time_embed.0.".length());
        }
        if (key.startsWith("time_embed.2.")) {
            return "time_embedding.linear_2." + key.substring("time_embed.2.".length());
        }
        if (key.startsWith("out.0.")) {
            return "conv_norm_out." + key.substring("out.0.".length());
        }
        if (key.startsWith("out.2.")) {
            return "conv_out." + key.substring("out.2.".length());
        }
        Matcher input = INPUT_BLOCK.matcher(key);
        if (input.matches()) {
            return inputBlockName(Integer.parseInt(input.group(1)), Integer.parseInt(input.group(2)), input.group(3),
                    stride);
        }
        Matcher middle = MIDDLE_BLOCK.matcher(key);
        if (middle.matches()) {
            return switch (middle.group(1)) {
                case "0" -> prefixed("mid_block.resnets.0.", unetResnetSuffix(middle.group(2)));
                case "1" -> "mid_block.attentions.0." + middle.group(2);
                case "2" -> prefixed("mid_block.resnets.1.", unetResnetSuffix(middle.group(2)));
                default -> null;
            };
        }
        Matcher output = OUTPUT_BLOCK.matcher(key);
        if (output.matches()) {
            return outputBlockName(Integer.parseInt(output.group(1)), Integer.parseInt(output.group(2)),
                    output.group(3), stride);
        }
        return null;
    }

    private static String inputBlockName(int index, int part, String rest, int stride) {
        if (index == 0) {
            return part == 0 ? "conv_in." + rest : null;
        }
        if (index % stride == 0) {
            return part == 0 && rest.startsWith("op.")
                    ? "down_blocks." + (index / stride - 1) + ".downsamplers.0.conv." + rest.substring(3) : null;
        }
        String block = "down_blocks." + ((index - 1) / stride) + ".";
        int layer = (index - 1) % stride;
        return switch (part) {
            case 0 -> prefixed(block + "resnets." + layer + ".", unetResnetSuffix(rest));
            case 1 -> block + "attentions." + layer + "." + rest;
            default -> null;
        };
    }

    /** Each up stage holds {@code stride} resnets; the last one's upsampler follows its attention, if any. */
    private static String outputBlockName(int index, int part, String rest, int stride) {
        String block = "up_blocks." + (index / stride) + ".";
        int layer = index % stride;
        if (part == 0) {
            return prefixed(block + "resnets." + layer + ".", unetResnetSuffix(rest));
        }
        if (rest.startsWith("conv.") && layer == stride - 1) {
            return block + "upsamplers.0.conv." + rest.substring("conv.".length());
        }
        return part == 1 ? block + "attentions." + layer + "." + rest : null;
    }

    private static String unetResnetSuffix(String rest) {
        String[][] renames = {
            {"in_layers.0.", "norm1."}, {"in_layers.2.", "conv1."}, {"emb_layers.1.", "time_emb_proj."},
            {"out_layers.0.", "norm2."}, {"out_layers.3.", "conv2."}, {"skip_connection.", "conv_shortcut."}
        };
        for (String[] rename : renames) {
            if (rest.startsWith(rename[0])) {
                return rename[1] + rest.substring(rename[0].length());
            }
        }
        return null;
    }

    private static String vaeName(String key, int stages) {
        for (String side : new String[] {"encoder.", "decoder."}) {
            for (String same : new String[] {"conv_in.", "conv_out."}) {
                if (key.startsWith(side + same)) {
                    return key;
                }
            }
            if (key.startsWith(side + "norm_out.")) {
                return side + "conv_norm_out." + key.substring((side + "norm_out.").length());
            }
        }
        if (key.startsWith("quant_conv.") || key.startsWith("post_quant_conv.")) {
            return key;
        }
        Matcher m = VAE_ENCODER_BLOCK.matcher(key);
        if (m.matches()) {
            return prefixed("encoder.down_blocks." + m.group(1) + ".resnets." + m.group(2) + ".",
                    vaeResnetSuffix(m.group(3)));
        }
        m = VAE_DOWNSAMPLE.matcher(key);
        if (m.matches()) {
            return "encoder.down_blocks." + m.group(1) + ".downsamplers.0.conv." + m.group(2);
        }
        m = VAE_DECODER_BLOCK.matcher(key);
        if (m.matches()) {
            int block = stages - 1 - Integer.parseInt(m.group(1));
            return block < 0 ? null
                    : prefixed("decoder.up_blocks." + block + ".resnets." + m.group(2) + ".", vaeResnetSuffix(m.group(3)));
        }
        m = VAE_UPSAMPLE.matcher(key);
        if (m.matches()) {
            int block = stages - 1 - Integer.parseInt(m.group(1));
            return block < 0 ? null : "decoder.up_blocks." + block + ".upsamplers.0.conv." + m.group(2);
        }
        m = VAE_MID.matcher(key);
        if (m.matches()) {
            String mid = m.group(1) + ".mid_block.";
            return switch (m.group(2)) {
                case "block_1" -> prefixed(mid + "resnets.0.", vaeResnetSuffix(m.group(3)));
                case "block_2" -> prefixed(mid + "resnets.1.", vaeResnetSuffix(m.group(3)));
                default -> prefixed(mid + "attentions.0.", vaeAttentionSuffix(m.group(3)));
            };
        }
        return null;
    }

    private static String vaeResnetSuffix(String rest) {
        if (rest.startsWith("nin_shortcut.")) {
            return "conv_shortcut." + rest.substring("nin_shortcut.".length());
        }
        for (String same : new String[] {"norm1.", "conv1.", "norm2.", "conv2."}) {
            if (rest.startsWith(same)) {
                return rest;
            }
        }
        return null;
    }

    /** The LDM VAE attention's 1x1 convolutions q/k/v/proj_out are diffusers' linear to_q/to_k/to_v/to_out.0. */
    private static String vaeAttentionSuffix(String rest) {
        String[][] renames = {{"norm.", "group_norm."}, {"q.", "to_q."}, {"k.", "to_k."}, {"v.", "to_v."},
            {"proj_out.", "to_out.0."}};
        for (String[] rename : renames) {
            if (rest.startsWith(rename[0])) {
                return rename[1] + rest.substring(rename[0].length());
            }
        }
        return null;
    }

    private static String prefixed(String prefix, String suffix) {
        return suffix == null ? null : prefix + suffix;
    }
}
