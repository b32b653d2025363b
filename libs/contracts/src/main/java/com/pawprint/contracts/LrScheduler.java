package com.pawprint.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Learning-rate schedules, named as kohya sd-scripts' {@code --lr_scheduler} names them. */
public enum LrScheduler {
    @JsonProperty("constant") CONSTANT,
    @JsonProperty("constant_with_warmup") CONSTANT_WITH_WARMUP,
    @JsonProperty("linear") LINEAR,
    @JsonProperty("cosine") COSINE,
    @JsonProperty("cosine_with_restarts") COSINE_WITH_RESTARTS,
    @JsonProperty("polynomial") POLYNOMIAL
}
