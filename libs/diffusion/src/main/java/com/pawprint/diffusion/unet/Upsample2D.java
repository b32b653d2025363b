package com.pawprint.diffusion.unet;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.nn.Conv2d;
import com.pawprint.diffusion.nn.Weights;

/** Nearest-neighbour upsampling followed by a 3x3 convolution ({@code conv}). */
public final class Upsample2D {

    private static final int NEAREST = 0;

    private final Conv2d conv;

    private Upsample2D(Conv2d conv) {
        this.conv = conv;
    }

    public static Upsample2D load(Weights weights, int channels) {
        return new Upsample2D(Conv2d.load(weights.at("conv"), channels, channels, 3, 1, 1, true));
    }

    /** Doubles height and width. */
    public NDArray forward(NDArray x) {
        long[] shape = x.getShape().getShape();
        return forward(x, shape[2] * 2, shape[3] * 2);
    }

    /** Upsamples to the given size: the UNet passes the skip connection's size when it is not exactly double. */
    public NDArray forward(NDArray x, long height, long width) {
        NDArray upsampled = x.getNDArrayInternal().interpolation(new long[] {height, width}, NEAREST, false);
        NDArray out = conv.forward(upsampled);
        upsampled.close();
        return out;
    }
}
