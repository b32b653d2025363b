package com.pawprint.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Layer normalisation over the last axis with learned {@code weight} and {@code bias}, as in torch.nn.LayerNorm. */
public final class LayerNorm {

    private final Shape normalized;
    private final float eps;
    private final NDArray weight;
    private final NDArray bias;

    private LayerNorm(long dim, double eps, NDArray weight, NDArray bias) {
        this.normalized = new Shape(dim);
        this.eps = (float) eps;
        this.weight = weight;
        this.bias = bias;
    }

    /** Loads {@code weight [dim]} and {@code bias [dim]}. */
    public static LayerNorm load(Weights w, long dim, double eps) {
        return new LayerNorm(dim, eps, w.get("weight", dim), w.get("bias", dim));
    }

    public NDArray forward(NDArray x) {
        Shape shape = x.getShape();
        if (shape.dimension() == 0 || shape.get(shape.dimension() - 1) != normalized.get(0)) {
            throw new IllegalArgumentException("layer norm over " + normalized.get(0) + " got " + shape);
        }
        return ai.djl.nn.norm.LayerNorm.layerNorm(x, normalized, weight, bias, eps).singletonOrThrow();
    }
}
