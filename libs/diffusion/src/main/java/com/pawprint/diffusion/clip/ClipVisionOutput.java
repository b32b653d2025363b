package com.pawprint.diffusion.clip;

import ai.djl.ndarray.NDArray;

/**
 * What {@link ClipVisionModel#forward} returns, as transformers' {@code CLIPVisionModel} does.
 *
 * @param lastHiddenState the last encoder layer's output, {@code [B, 1 + patches, hidden]}
 * @param pooledOutput    the class position after {@code post_layernorm}, {@code [B, hidden]}
 */
public record ClipVisionOutput(NDArray lastHiddenState, NDArray pooledOutput) {
}
