package com.pawprint.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The activations SD needs that DJL lacks or names differently. */
public final class Activations {

    private Activations() {
    }

    /** {@code x * sigmoid(x)} (SiLU / swish with beta 1), used by resnets and the time embedding. */
    public static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /** The exact (erf) GELU, as torch's default and diffusers' GEGLU use. */
    public static NDArray gelu(NDArray x) {
        return Activation.gelu(x);
    }

    /** OpenAI CLIP's {@code x * sigmoid(1.702 x)}. */
    public static NDArray quickGelu(NDArray x) {
        return x.mul(Activation.sigmoid(Scalars.mul(x, 1.702)));
    }
}
