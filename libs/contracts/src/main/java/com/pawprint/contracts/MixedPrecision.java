package com.pawprint.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Precision of the training forward pass, named as accelerate's {@code --mixed_precision} names it. */
public enum MixedPrecision {
    @JsonProperty("no") NO,
    @JsonProperty("fp16") FP16,
    @JsonProperty("bf16") BF16
}
