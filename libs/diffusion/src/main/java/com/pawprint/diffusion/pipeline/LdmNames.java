package com.pawprint.diffusion.pipeline;

import com.pawprint.diffusion.unet.UNet2DConditionConfig;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Diffusers names to the CompVis/LDM names of a single-file checkpoint: the inverse of the loader's mapping
 * ({@code loader.LdmKeyMapping}), used to write single files. LDM numbers UNet blocks flatly, {@code
 * layers_per_block + 1} slots per stage (the extra slot holds the down- or upsampler); the VAE decoder counts its
 * stages from the bottom.
 */
final class LdmNames {

    static final String UNET_PREFIX = "model.diffusion_model.";
    static final String VAE_PREFIX = "first_stage_model.";
    static final String TEXT_ENCODER_PREFIX = "cond_stage_model.transformer.";

    private static final Pattern BLOCK = Pattern.compile(
            "(down_blocks|up_blocks)\\.(\\d+)\\.(resnets|attentions|downsamplers|upsamplers)\\.(\\d+)\\.(.+)");
    private static final Pattern MID = Pattern.compile("mid_block\\.(resnets|attentions)\\.(\\d+)\\.(.+)");
    private static final Pattern VAE_BLOCK = Pattern.compile(
            "(encoder|decoder)\\.(down_blocks|up_blocks)\\.(\\d+)\\.(resnets|downsamplers|upsamplers)\\.(\\d+)\\.(.+)");
    private static final Pattern VAE_MID = Pattern.compile("(encoder|decoder)\\.mid_block\\.(resnets|attentions)\\.(\\d+)"
            + "\\.(.+)");

    private LdmNames() {
    }

    static String textEncoder(String name) {
        return TEXT_ENCODER_PREFIX + name;
    }

    static String unet(String name, UNet2DConditionConfig config) {
        int stride = config.layersPerBlock() + 1;
        String ldm = unetName(name, stride, config);
        if (ldm == null) {
            throw new IllegalArgumentException("no LDM name for UNet tensor '" + name + "'");
        }
        return UNET_PREFIX + ldm;
    }

    private static String unetName(String name, int stride, UNet2DConditionConfig config) {
        String[][] fixed = {{"time_embedding.linear_1.", "time_embed.0."}, {"time_embedding.linear_2.", "time_embed.2."},
            {"conv_in.", "input_blocks.0.0."}, {"conv_norm_out.", "out.0."}, {"conv_out.", "out.2."}};
        for (String[] rename : fixed) {
            if (name.startsWith(rename[0])) {
                return rename[1] + name.substring(rename[0].length());
            }
        }
        Matcher mid = MID.matcher(name);
        if (mid.matches()) {
            if (mid.group(1).equals("attentions")) {
                return "middle_block.1." + mid.group(3);
            }
            return "middle_block." + (mid.group(2).equals("0") ? 0 : 2) + "." + resnet(mid.group(3));
        }
        Matcher block = BLOCK.matcher(name);
        if (!block.matches()) {
            return null;
        }
        int stage = Integer.parseInt(block.group(2));
        int layer = Integer.parseInt(block.group(4));
        String rest = block.group(5);
        if (block.group(1).equals("down_blocks")) {
            int index = 1 + stride * stage + layer;
            return switch (block.group(3)) {
                case "resnets" -> "input_blocks." + index + ".0." + resnet(rest);
                case "attentions" -> "input_blocks." + index + ".1." + rest;
                default -> "input_blocks." + stride * (stage + 1) + ".0.op." + rest.substring("conv.".length());
            };
        }
        int index = stride * stage + layer;
        return switch (block.group(3)) {
            case "resnets" -> "output_blocks." + index + ".0." + resnet(rest);
            case "attentions" -> "output_blocks." + index + ".1." + rest;
            default -> {
                boolean attends = config.upBlockTypes().get(stage).equals(UNet2DConditionConfig.CROSS_ATTN_UP);
                yield "output_blocks." + (stride * stage + stride - 1) + "." + (attends ? 2 : 1) + "." + rest;
            }
        };
    }

    private static String resnet(String rest) {
        String[][] renames = {{"norm1.", "in_layers.0."}, {"conv1.", "in_layers.2."},
            {"time_emb_proj.", "emb_layers.1."}, {"norm2.", "out_layers.0."}, {"conv2.", "out_layers.3."},
            {"conv_shortcut.", "skip_connection."}};
        for (String[] rename : renames) {
            if (rest.startsWith(rename[0])) {
                return rename[1] + rest.substring(rename[0].length());
            }
        }
        throw new IllegalArgumentException("unknown resnet tensor '" + rest + "'");
    }

    static boolean isVaeAttentionProjection(String name) {
        return name.contains(".mid_block.attentions.") && name.endsWith(".weight") && !name.contains("group_norm");
    }

    static String vae(String name, int stages) {
        if (name.startsWith("quant_conv.") || name.startsWith("post_quant_conv.")) {
            return VAE_PREFIX + name;
        }
        for (String side : new String[] {"encoder.", "decoder."}) {
            if (name.startsWith(side + "conv_in.") || name.startsWith(side + "conv_out.")) {
                return VAE_PREFIX + name;
            }
            if (name.startsWith(side + "conv_norm_out.")) {
                return VAE_PREFIX + side + "norm_out." + name.substring((side + "conv_norm_out.").length());
            }
        }
        Matcher mid = VAE_MID.matcher(name);
        if (mid.matches()) {
            String prefix = VAE_PREFIX + mid.group(1) + ".mid.";
            if (mid.group(2).equals("attentions")) {
                return prefix + "attn_1." + vaeAttention(mid.group(4));
            }
            return prefix + (mid.group(3).equals("0") ? "block_1." : "block_2.") + vaeResnet(mid.group(4));
        }
        Matcher block = VAE_BLOCK.matcher(name);
        if (!block.matches()) {
            throw new IllegalArgumentException("no LDM name for VAE tensor '" + name + "'");
        }
        int stage = Integer.parseInt(block.group(3));
        String rest = block.group(6);
        boolean encoder = block.group(1).equals("encoder");
        int ldmStage = encoder ? stage : stages - 1 - stage;
        String prefix = VAE_PREFIX + (encoder ? "encoder.down." : "decoder.up.") + ldmStage + ".";
        return switch (block.group(4)) {
            case "resnets" -> prefix + "block." + block.group(5) + "." + vaeResnet(rest);
            case "downsamplers" -> prefix + "downsample." + rest;
            default -> prefix + "upsample." + rest;
        };
    }

    private static String vaeResnet(String rest) {
        return rest.startsWith("conv_shortcut.") ? "nin_shortcut." + rest.substring("conv_shortcut.".length()) : rest;
    }

    private static String vaeAttention(String rest) {
        String[][] renames = {{"group_norm.", "norm."}, {"to_q.", "q."}, {"to_k.", "k."}, {"to_v.", "v."},
            {"to_out.0.", "proj_out."}};
        for (String[] rename : renames) {
            if (rest.startsWith(rename[0])) {
                return rename[1] + rest.substring(rename[0].length());
            }
        }
        throw new IllegalArgumentException("unknown VAE attention tensor '" + rest + "'");
    }
}
