package com.pawprint.training.run;

/**
 * The base model a run trains on, as its metadata names it: {@code name} (a registered name or a file name),
 * {@code sha256} of the checkpoint file and A1111's legacy short hash; hashes are null for a diffusers folder.
 */
public record BaseModel(String name, String sha256, String legacyHash) {
}
