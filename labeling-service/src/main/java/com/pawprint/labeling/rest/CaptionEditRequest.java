package com.pawprint.labeling.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The new text of one caption. */
public record CaptionEditRequest(@NotNull @Size(max = 2000) String caption) {
}
