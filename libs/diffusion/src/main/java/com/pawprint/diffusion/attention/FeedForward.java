package com.pawprint.diffusion.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import com.pawprint.diffusion.nn.Activations;
import com.pawprint.diffusion.nn.Linear;
import com.pawprint.diffusion.nn.Weights;

/**
 * GEGLU feed-forward of a transformer block: {@code net.0.proj} widens to twice the inner width, the second half
 * gates the first through exact (erf) GELU, {@code net.2} projects back. ({@code net.1} is dropout and has no
 * weights.)
 */
public final class FeedForward {

    /** Inner width as a multiple of the block width, as in SD 1.5. */
    public static final int DEFAULT_MULTIPLIER = 4;

    private final Linear projIn;
    private final Linear projOut;

    private FeedForward(Linear projIn, Linear projOut) {
        this.projIn = projIn;
        this.projOut = projOut;
    }

    public static FeedForward load(Weights weights, int dim) {
        int inner = dim * DEFAULT_MULTIPLIER;
        Weights net = weights.at("net");
        return new FeedForward(
                Linear.load(net.at(0).at("proj"), dim, inner * 2L, true), Linear.load(net.at(2), inner, dim, true));
    }

    /** (batch, tokens, dim) to (batch, tokens, dim). */
    public NDArray forward(NDArray x) {
        NDArray projected = projIn.forward(x);
        NDList halves = projected.split(2, projected.getShape().dimension() - 1);
        NDArray gated = halves.get(0).mul(Activations.gelu(halves.get(1)));
        projected.close();
        halves.close();
        NDArray out = projOut.forward(gated);
        gated.close();
        return out;
    }
}
