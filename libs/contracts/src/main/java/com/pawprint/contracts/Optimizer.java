package com.pawprint.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Optimizers, named as kohya sd-scripts' {@code --optimizer_type} names them. {@code AdamW8bit} is accepted because
 * lora-scripts presets use it; there is no bitsandbytes on the JVM, so it means the same update as {@code AdamW}
 * (full-precision optimizer state).
 */
public enum Optimizer {
    @JsonProperty("AdamW") ADAMW,
    @JsonProperty("AdamW8bit") ADAMW_8BIT
}
