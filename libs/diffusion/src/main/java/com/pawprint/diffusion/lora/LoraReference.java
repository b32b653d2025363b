package com.pawprint.diffusion.lora;

/** A LoRA requested by a prompt tag: its name (resolved to a file by the caller) and strengths. */
public record LoraReference(String name, LoraStrength strength) {
}
