package com.pawprint.diffusion.lora;

/** The model a LoRA module adapts, with the prefix kohya gives its keys. */
public enum LoraComponent {
    UNET("lora_unet"),
    TEXT_ENCODER("lora_te");

    private final String keyPrefix;

    LoraComponent(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    /** {@code lora_unet} or {@code lora_te}. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** kohya's module name: prefix, '_', then the module path with every '.' replaced by '_'. */
    public String kohyaName(String modulePath) {
        return keyPrefix + "_" + modulePath.replace('.', '_');
    }
}
