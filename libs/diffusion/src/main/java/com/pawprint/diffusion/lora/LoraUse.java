package com.pawprint.diffusion.lora;

import java.util.Objects;

/** One LoRA and the strength to apply it with, for {@link AppliedLora#apply}. */
public record LoraUse(LoraNetwork network, LoraStrength strength) {

    public LoraUse {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(strength, "strength");
    }
}
