package com.pawprint.diffusion.lora;

import com.pawprint.diffusion.nn.LoraTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the module a LoRA file key belongs to, for the layouts in circulation:
 * <ul>
 *   <li>kohya: {@code lora_unet_<path with '_'>.lora_down.weight|.lora_up.weight|.alpha}, {@code lora_te_...}, with
 *       diffusers module names or A1111/ComfyUI LDM names ({@code lora_unet_input_blocks_1_1_proj_in});</li>
 *   <li>PEFT: {@code <prefix><path>.lora_A.weight|.lora_B.weight} (also {@code .lora_A.default.weight}), prefix
 *       {@code base_model.model.}, {@code unet.} or {@code text_encoder.};</li>
 *   <li>diffusers: {@code unet.<path>.lora.down.weight}, {@code .lora_linear_layer.down.weight} and the attention
 *       processor form {@code unet.<attn>.processor.to_q_lora.down.weight}.</li>
 * </ul>
 * kohya names are matched through a table built from every module of the loaded model, since replacing '.' by '_'
 * cannot be undone by parsing.
 */
final class LoraKeyResolver {

    enum Role { DOWN, UP, ALPHA }

    record ResolvedKey(String key, LoraComponent component, LoraTarget target, Role role) {
    }

    private record Suffix(String text, Role role) {
    }

    private record Module(LoraComponent component, LoraTarget target) {
    }

    private static final List<Suffix> SUFFIXES = List.of(
            new Suffix(".lora_down.weight", Role.DOWN),
            new Suffix(".lora_up.weight", Role.UP),
            new Suffix(".lora_A.weight", Role.DOWN),
            new Suffix(".lora_B.weight", Role.UP),
            new Suffix(".lora_A.default.weight", Role.DOWN),
            new Suffix(".lora_B.default.weight", Role.UP),
            new Suffix(".lora_linear_layer.down.weight", Role.DOWN),
            new Suffix(".lora_linear_layer.up.weight", Role.UP),
            new Suffix(".lora.down.weight", Role.DOWN),
            new Suffix(".lora.up.weight", Role.UP),
            new Suffix(".alpha", Role.ALPHA));
    private static final Pattern PROCESSOR = Pattern.compile("(.+)\\.processor\\.(to_q|to_k|to_v|to_out)_lora");
    private static final String PEFT_PREFIX = "base_model.model.";

    private final LoraBase base;
    private final Map<String, Module> byKohyaName = new HashMap<>();

    LoraKeyResolver(LoraBase base) {
        this.base = base;
        UNetLdmNames ldm = new UNetLdmNames(base.unet());
        for (LoraTarget target : base.unet().all()) {
            add(LoraComponent.UNET.kohyaName(target.path()), new Module(LoraComponent.UNET, target));
            ldm.ldmPath(target.path()).ifPresent(ldmPath ->
                    add(LoraComponent.UNET.kohyaName(ldmPath), new Module(LoraComponent.UNET, target)));
        }
        for (LoraTarget target : base.textEncoder().all()) {
            add(LoraComponent.TEXT_ENCODER.kohyaName(target.path()), new Module(LoraComponent.TEXT_ENCODER, target));
        }
    }

    private void add(String name, Module module) {
        Module previous = byKohyaName.putIfAbsent(name, module);
        if (previous != null && previous.target() != module.target()) {
            throw new IllegalStateException("modules '" + previous.target().path() + "' and '"
                    + module.target().path() + "' share the LoRA name " + name);
        }
    }

    /** The module and role of {@code key}, or empty when no module of the loaded model matches it. */
    Optional<ResolvedKey> resolve(String key) {
        for (Suffix suffix : SUFFIXES) {
            if (key.endsWith(suffix.text())) {
                String stem = key.substring(0, key.length() - suffix.text().length());
                return module(stem).map(m -> new ResolvedKey(key, m.component(), m.target(), suffix.role()));
            }
        }
        return Optional.empty();
    }

    private Optional<Module> module(String stem) {
        Module kohya = byKohyaName.get(stem);
        if (kohya != null) {
            return Optional.of(kohya);
        }
        String path = stem.startsWith(PEFT_PREFIX) ? stem.substring(PEFT_PREFIX.length()) : stem;
        Matcher processor = PROCESSOR.matcher(path);
        if (processor.matches()) {
            String projection = processor.group(2);
            path = processor.group(1) + "." + (projection.equals("to_out") ? "to_out.0" : projection);
        }
        if (path.startsWith("unet.")) {
            return find(LoraComponent.UNET, path.substring("unet.".length()));
        }
        if (path.startsWith("text_encoder.")) {
            return find(LoraComponent.TEXT_ENCODER, path.substring("text_encoder.".length()));
        }
        Optional<Module> unet = find(LoraComponent.UNET, path);
        return unet.isPresent() ? unet : find(LoraComponent.TEXT_ENCODER, path);
    }

    private Optional<Module> find(LoraComponent component, String path) {
        return base.registry(component).find(path).map(target -> new Module(component, target));
    }
}
