package com.pawprint.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * A square-kernel 2-D convolution over {@code [B, C, H, W]}, weight {@code [out, in, k, k]}. Registered as a
 * {@link LoraTarget} under its path (SD uses 1x1 ones as attention projections).
 */
public final class Conv2d implements LoraTarget {

    /** Output channels from which libtorch's CPU convolution backward is right (see forward). */
    static final long RELIABLE_OUT_CHANNELS = 16;

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
        NDArray base = weight.weight();
        long out = base.getShape().get(0);
        if (out >= RELIABLE_OUT_CHANNELS || kernelSize() == 1) {
            NDArray y = ai.djl.nn.convolutional.Conv2d.conv2d(
                    x, base, bias, stride, padding, new Shape(1, 1), 1).singletonOrThrow();
            return weight.withSidePaths(x, y);
        }
        // libtorch 2.7.1's CPU kernel for the input gradient of a k>1 convolution with fewer than 16 output channels
        // returns wrong values, NaN among them, on some x86 CPUs (seen on AMD EPYC with AVX-512; Conv2dGradientTest
        // checks it against fp64). SD's conv_out (320 -> 4) is one, and every LoRA gradient flows back through it.
        // Zero filters up to 16 take the correct kernel; the extra output channels are dropped.
        long missing = RELIABLE_OUT_CHANNELS - out;
        Shape filler = new Shape(missing, base.getShape().get(1), base.getShape().get(2), base.getShape().get(3));
        try (NDArray zeros = x.getManager().zeros(filler, base.getDataType(), base.getDevice());
                NDArray padded = base.concat(zeros, 0);
                NDArray zeroBias = bias == null ? null
                        : x.getManager().zeros(new Shape(missing), bias.getDataType(), bias.getDevice());
                NDArray paddedBias = bias == null ? null : bias.concat(zeroBias, 0)) {
            NDArray full = ai.djl.nn.convolutional.Conv2d.conv2d(
                    x, padded, paddedBias, stride, padding, new Shape(1, 1), 1).singletonOrThrow();
            NDArray y = full.get(new NDIndex(":, :{}", out));
            full.close();
            return weight.withSidePaths(x, y);
        }
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
