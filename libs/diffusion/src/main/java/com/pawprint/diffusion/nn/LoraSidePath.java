package com.pawprint.diffusion.nn;

import ai.djl.ndarray.NDArray;

/**
 * An extra branch added to a module's output without touching its weight (an unmerged LoRA: {@code up(down(x)) *
 * scale}). It receives the module's input and returns a tensor of the module's output shape, so several adapters can
 * be stacked, switched on and off, and trained while the base weight stays frozen.
 */
@FunctionalInterface
public interface LoraSidePath {

    NDArray apply(NDArray input);
}
