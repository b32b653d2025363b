package com.pawprint.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A square-kernel 2-D convolution over {@code [B, C, H, W]}, weight {@code [out, in, k, k]}. Registered as a
 * {@link LoraTarget} under its path (SD uses 1x1 ones as attention projections).
 */
public final class Conv2d implements LoraTarget {

    private final String path;
    private final AdaptableWeight weight;
    private final NDArray bias;
    private final Shape stride;
    private final Shape padding;

    private Conv2d(String path, NDArray weight, NDArray bias, int stride, int padding) {
        this.path = path;
        this.weight = new AdaptableWeight(path, weight);
        this.bias = bias;
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
    }

    /** Loads {@code weight [out, in, kernel, kernel]} and optionally {@code bias [out]} from {@code w}. */
    public static Conv2d load(Weights w, long in, long out, int kernel, int stride, int padding, boolean bias) {
        if (kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("bad conv geometry at '" + w.path() + "': kernel " + kernel
                    + ", stride " + stride + ", padding " + padding);
        }
        Conv2d conv = new Conv2d(w.path(), w.get("weight", out, in, kernel, kernel),
                bias ? w.get("bias", out) : null, stride, padding);
        w.registry().register(conv);
        return conv;
    }

    public NDArray forward(NDArray x) {
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != inChannels()) {
            throw new IllegalArgumentException("conv '" + path + "' expects [B, " + inChannels()
                    + ", H, W] but got " + x.getShape());
        }
        NDArray y = ai.djl.nn.convolutional.Conv2d.conv2d(
                x, weight.weight(), bias, stride, padding, new Shape(1, 1), 1).singletonOrThrow();
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

    public long inChannels() {
        return weight.weight().getShape().get(1);
    }

    public long outChannels() {
        return weight.weight().getShape().get(0);
    }

    public int kernelSize() {
        return (int) weight.weight().getShape().get(2);
    }

    public int stride() {
        return (int) stride.get(0);
    }

    public int padding() {
        return (int) padding.get(0);
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
