package com.pawprint.render.rest;

import java.time.Instant;

/** A LoRA of the pet that renders may name by {@code versionName}. */
public record LoraView(String versionName, String baseModel, int rank, double alpha, Instant trainedAt) {
}
