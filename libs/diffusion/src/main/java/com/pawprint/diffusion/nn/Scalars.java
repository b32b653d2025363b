package com.pawprint.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Scalars for arithmetic on a gradient path. DJL's {@code x.mul(2f)} (and div/add/sub/muli with a number) wraps the
 * number in an array over a Java direct buffer and closes it at once; PyTorch's autograd keeps that tensor for the
 * backward pass, so once the buffer is garbage-collected the backward reads freed memory (seen as NaN or infinite
 * LoRA gradients a few training steps in, depending on GC timing). A scalar made natively is reference-counted by
 * PyTorch, so its wrapper can be closed right after use.
 */
public final class Scalars {

    private Scalars() {
    }

    /** A 0-dim array holding {@code value} with {@code like}'s type and device, allocated by the engine. */
    public static NDArray like(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType(), like.getDevice());
    }

    /** {@code x *= value} in place, safe under a GradientCollector; returns {@code x}. */
    public static NDArray muli(NDArray x, double value) {
        try (NDArray scalar = like(x, value)) {
            return x.muli(scalar);
        }
    }

    /** {@code x / value}, safe under a GradientCollector. */
    public static NDArray div(NDArray x, double value) {
        try (NDArray scalar = like(x, value)) {
            return x.div(scalar);
        }
    }

    /** {@code x * value}, safe under a GradientCollector. */
    public static NDArray mul(NDArray x, double value) {
        try (NDArray scalar = like(x, value)) {
            return x.mul(scalar);
        }
    }

    /**
     * {@code x} widened to fp32 on the gradient path. DJL's {@code toType} detaches its result from the graph, so
     * the widening is done by type promotion instead: a product with a one-element fp32 array of rank 1.
     */
    public static NDArray float32(NDArray x) {
        if (x.getDataType() == DataType.FLOAT32) {
            return x;
        }
        try (NDArray one = x.getManager().ones(new Shape(1), DataType.FLOAT32, x.getDevice())) {
            return x.mul(one);
        }
    }
}
