package com.pawprint.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Group normalisation over {@code [B, C, ...]}. DJL has no group norm, so this reshapes to {@code [B, groups, -1]},
 * runs the native layer norm with unit scale, then applies the per-channel affine: about twice as fast as explicit
 * mean and variance (djl-facts.md).
 */
public final class GroupNorm {

    private final int groups;
    private final long channels;
    private final float eps;
    /** {@code weight} and {@code bias} as {@code [C, 1]} columns, made once so forward never adds arrays to them. */
    private final NDArray weightColumn;
    private final NDArray biasColumn;

    private GroupNorm(int groups, long channels, double eps, NDArray weight, NDArray bias) {
        this.groups = groups;
        this.channels = channels;
        this.eps = (float) eps;
        this.weightColumn = weight.reshape(channels, 1);
        this.biasColumn = bias.reshape(channels, 1);
    }

    /** Loads {@code weight [channels]} and {@code bias [channels]}; {@code channels} must divide into groups. */
    public static GroupNorm load(Weights w, int groups, long channels, double eps) {
        if (groups < 1 || channels % groups != 0) {
            throw new IllegalArgumentException("group norm at '" + w.path() + "': " + channels
                    + " channels do not split into " + groups + " groups");
        }
        return new GroupNorm(groups, channels, eps, w.get("weight", channels), w.get("bias", channels));
    }

    public NDArray forward(NDArray x) {
        Shape shape = x.getShape();
        if (shape.dimension() < 2 || shape.get(1) != channels) {
            throw new IllegalArgumentException("group norm expects [B, " + channels + ", ...] but got " + shape);
        }
        NDArray grouped = x.reshape(shape.get(0), groups, -1);
        Shape normalized = new Shape(grouped.getShape().get(2));
        NDArray unitScale = x.getManager().ones(normalized, x.getDataType(), x.getDevice());
        NDArray zeroShift = x.getManager().zeros(normalized, x.getDataType(), x.getDevice());
        NDArray normed = ai.djl.nn.norm.LayerNorm.layerNorm(grouped, normalized, unitScale, zeroShift, eps)
                .singletonOrThrow()
                .reshape(shape.get(0), channels, -1);
        return normed.mul(weightColumn).add(biasColumn).reshape(shape);
    }
}
