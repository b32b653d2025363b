package com.pawprint.diffusion.nn;

import ai.djl.ndarray.NDArray;

/**
 * A module a LoRA can adapt: either as a side path added to its forward, or merged into its weight
 * ({@code addToWeight(up @ down * scale)}, undone by adding the negation).
 */
public interface LoraTarget {

    /** The module's path, equal to its diffusers name without the {@code .weight} suffix. */
    String path();

    /** The live weight ({@code [out, in]} for linear, {@code [out, in, k, k]} for conv). */
    NDArray weight();

    void addSidePath(LoraSidePath sidePath);

    void removeSidePath(LoraSidePath sidePath);

    /** Adds {@code delta} (the weight's shape, any floating type) to the weight in place. */
    void addToWeight(NDArray delta);
}
