package com.pawprint.diffusion.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.nn.Conv2d;
import com.pawprint.diffusion.nn.Weights;

/**
 * Halves height and width with a 3x3 stride-2 convolution ({@code conv}). With padding 0 (the VAE encoder) the map
 * is first padded by one on the right and bottom only, as diffusers does, so odd sizes round the same way.
 */
public final class Downsample2D {

    /** The UNet's {@code downsample_padding}. */
    public static final int DEFAULT_PADDING = 1;

    private final Conv2d conv;
    private final int padding;

    private Downsample2D(Conv2d conv, int padding) {
        this.conv = conv;
        this.padding = padding;
    }

    public static Downsample2D load(Weights weights, int channels, int padding) {
        if (padding < 0 || padding > 1) {
            throw new IllegalArgumentException("downsample padding must be 0 or 1, got " + padding);
        }
        return new Downsample2D(Conv2d.load(weights.at("conv"), channels, channels, 3, 2, padding, true), padding);
    }

    /** (batch, channels, h, w) to (batch, channels, ceil(h/2), ceil(w/2)). */
    public NDArray forward(NDArray x) {
        if (padding == 0) {
            NDArray padded = x.pad(new Shape(0, 1, 0, 1), 0);
            NDArray out = conv.forward(padded);
            padded.close();
            return out;
        }
        return conv.forward(x);
    }
}
