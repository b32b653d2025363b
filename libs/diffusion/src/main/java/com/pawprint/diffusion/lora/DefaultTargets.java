package com.pawprint.diffusion.lora;

import com.pawprint.diffusion.nn.Conv2d;
import com.pawprint.diffusion.nn.Linear;
import com.pawprint.diffusion.nn.LoraTarget;
import com.pawprint.diffusion.nn.ModuleRegistry;
import java.util.List;
import java.util.regex.Pattern;

/**
 * kohya's default LoRA targets (networks/lora.py without conv_dim), chosen by module path so that names come from the
 * model structure: in the UNet every Linear and 1x1 Conv2d inside a Transformer2DModel (the {@code attentions.N} of the
 * down, mid and up blocks: proj_in, proj_out, attn1/attn2 to_q/to_k/to_v/to_out.0, ff.net.0.proj, ff.net.2); in the
 * text encoder every Linear of a layer's CLIPAttention and CLIPMLP (q/k/v/out_proj, fc1, fc2). SD 1.5 has 192 and 72.
 */
public final class DefaultTargets {

    private static final Pattern UNET = Pattern.compile("(down_blocks\\.\\d+|mid_block|up_blocks\\.\\d+)\\.attentions\\.\\d+\\..+");
    private static final Pattern TEXT_ENCODER = Pattern.compile("(.+\\.)?layers\\.\\d+\\.(self_attn|mlp)\\..+");

    private DefaultTargets() {
    }

    public static List<LoraTarget> of(LoraComponent component, ModuleRegistry registry) {
        Pattern inside = component == LoraComponent.UNET ? UNET : TEXT_ENCODER;
        return registry.all().stream()
                .filter(target -> inside.matcher(target.path()).matches() && isLinearOrPointwise(target))
                .toList();
    }

    private static boolean isLinearOrPointwise(LoraTarget target) {
        return target instanceof Linear || target instanceof Conv2d conv && conv.kernelSize() == 1;
    }
}
