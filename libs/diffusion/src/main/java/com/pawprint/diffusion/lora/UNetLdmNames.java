package com.pawprint.diffusion.lora;

import com.pawprint.diffusion.nn.LoraTarget;
import com.pawprint.diffusion.nn.ModuleRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The original (LDM / CompVis) name of a UNet module, for LoRA files written with A1111 or ComfyUI names such as
 * {@code lora_unet_input_blocks_1_1_proj_in}. The block numbering is derived from the loaded structure: each down
 * block takes one {@code input_blocks} slot per resnet plus one for its downsampler, each up block one
 * {@code output_blocks} slot per resnet; within a slot the resnet is part 0, the attention part 1 and an upsampler the
 * part after them. So {@code down_blocks.i.attentions.j} is {@code input_blocks.(1 + i (L + 1) + j).1} and
 * {@code up_blocks.i.attentions.j} is {@code output_blocks.(i (L + 1) + j).1} for L resnets per down block.
 */
final class UNetLdmNames {

    private static final Pattern BLOCK_CHILD =
            Pattern.compile("(down|up)_blocks\\.(\\d+)\\.(resnets|attentions|downsamplers|upsamplers)\\.(\\d+)(\\..+)?");
    private static final Pattern MID_CHILD = Pattern.compile("mid_block\\.(resnets|attentions)\\.(\\d+)(\\..+)?");
    private static final Map<String, String> TOP_LEVEL = Map.of(
            "conv_in", "input_blocks.0.0",
            "time_embedding.linear_1", "time_embed.0",
            "time_embedding.linear_2", "time_embed.2",
            "conv_out", "out.2");
    private static final Map<String, String> RESNET_PARTS = Map.of(
            ".conv1", ".in_layers.2",
            ".time_emb_proj", ".emb_layers.1",
            ".conv2", ".out_layers.3",
            ".conv_shortcut", ".skip_connection");

    private final Map<String, Integer> resnetsPerBlock = new HashMap<>();
    private final Map<String, Boolean> blockHasAttentions = new HashMap<>();

    UNetLdmNames(ModuleRegistry unet) {
        Map<String, TreeSet<Integer>> resnets = new HashMap<>();
        for (LoraTarget target : unet.all()) {
            Matcher m = BLOCK_CHILD.matcher(target.path());
            if (m.matches()) {
                String block = m.group(1) + m.group(2);
                if (m.group(3).equals("resnets")) {
                    resnets.computeIfAbsent(block, b -> new TreeSet<>()).add(Integer.parseInt(m.group(4)));
                }
                blockHasAttentions.merge(block, m.group(3).equals("attentions"), Boolean::logicalOr);
            }
        }
        resnets.forEach((block, indices) -> resnetsPerBlock.put(block, indices.last() + 1));
    }

    /** The LDM path of a diffusers UNet module path, if the module has one. */
    Optional<String> ldmPath(String path) {
        String top = TOP_LEVEL.get(path);
        if (top != null) {
            return Optional.of(top);
        }
        Matcher mid = MID_CHILD.matcher(path);
        if (mid.matches()) {
            int index = Integer.parseInt(mid.group(2));
            int part = mid.group(1).equals("attentions") ? 2 * index + 1 : 2 * index;
            return Optional.of("middle_block." + part + child(mid.group(1), mid.group(3)));
        }
        Matcher m = BLOCK_CHILD.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean down = m.group(1).equals("down");
        int block = Integer.parseInt(m.group(2));
        String kind = m.group(3);
        int index = Integer.parseInt(m.group(4));
        String rest = m.group(5) == null ? "" : m.group(5);
        Integer downLayers = resnetsPerBlock.get("down0");
        Integer upLayers = resnetsPerBlock.get("up0");
        if (down && downLayers != null) {
            int first = 1 + block * (downLayers + 1);
            return Optional.of(switch (kind) {
                case "resnets" -> "input_blocks." + (first + index) + ".0" + child(kind, rest);
                case "attentions" -> "input_blocks." + (first + index) + ".1" + rest;
                default -> "input_blocks." + (first + downLayers) + ".0" + rest.replace(".conv", ".op");
            });
        }
        if (!down && upLayers != null) {
            int first = block * upLayers;
            return Optional.of(switch (kind) {
                case "resnets" -> "output_blocks." + (first + index) + ".0" + child(kind, rest);
                case "attentions" -> "output_blocks." + (first + index) + ".1" + rest;
                default -> "output_blocks." + (first + upLayers - 1) + "."
                        + (blockHasAttentions.getOrDefault("up" + block, false) ? 2 : 1) + rest;
            });
        }
        return Optional.empty();
    }

    private static String child(String kind, String rest) {
        if (!kind.equals("resnets") || rest == null) {
            return rest == null ? "" : rest;
        }
        return RESNET_PARTS.getOrDefault(rest, rest);
    }
}
