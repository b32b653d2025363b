package com.pawprint.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether captions go to training at once ({@code auto}) or wait for a person's review ({@code manual}). */
public enum ReviewMode {
    @JsonProperty("auto") AUTO,
    @JsonProperty("manual") MANUAL
}
