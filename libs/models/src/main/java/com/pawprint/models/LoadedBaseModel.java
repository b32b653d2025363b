package com.pawprint.models;

import com.pawprint.diffusion.pipeline.StableDiffusion;
import com.pawprint.training.models.BaseModelEntry;

import java.nio.file.Path;

/** A base model on the device, with its registry entry and the verified local file it was loaded from. */
public record LoadedBaseModel(BaseModelEntry entry, StableDiffusion model, Path file) {
}
