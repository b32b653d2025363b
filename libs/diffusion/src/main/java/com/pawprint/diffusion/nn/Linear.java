package com.pawprint.diffusion.nn;

import ai.djl.ndarray.NDArray;

/**
 * {@code y = x W^T + b} over the last axis, with weight {@code [out, in]} as PyTorch stores it. Registered as a
 * {@link LoraTarget} under its path.
 */
public final class Linear implements LoraTarget {

    private final String path;
    private final AdaptableWeight weight;
    private final NDArray bias;

    private Linear(String path, NDArray weight, NDArray bias) {
        this.path = path;
        this.weight = new AdaptableWeight(path, weight);
        this.bias = bias;
    }

    /** Loads {@code weight [out, in]} and, when {@code bias}, {@code bias [out]} from {@code w}. */
    public static Linear load(Weights w, long in, long out, boolean bias) {
        Linear linear = new Linear(w.path(), w.get("weight", out, in), bias ? w.get("bias", out) : null);
        w.registry().register(linear);
        return linear;
    }

    public NDArray forward(NDArray x) {
        NDArray y = bias == null
                ? ai.djl.nn.core.Linear.linear(x, weight.weight()).singletonOrThrow()
                : ai.djl.nn.core.Linear.linear(x, weight.weight(), bias).singletonOrThrow();
        return weight.withSidePaths(x, y);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public NDArray weight() {
        return weight.weight();
    }

    /** The bias, or {@code null} when the layer has none. */
    public NDArray bias() {
        return bias;
    }

    public long inFeatures() {
        return weight.weight().getShape().get(1);
    }

    public long outFeatures() {
        return weight.weight().getShape().get(0);
    }

    @Override
    public void addSidePath(LoraSidePath sidePath) {
        weight.add(sidePath);
    }

    @Override
    public void removeSidePath(LoraSidePath sidePath) {
        weight.remove(sidePath);
    }

    @Override
    public void addToWeight(NDArray delta) {
        weight.addToWeight(delta);
    }
}
