package com.pawprint.diffusion.clip;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.nn.Linear;
import com.pawprint.diffusion.nn.Weights;

/** CLIP's feed-forward ({@code mlp}): {@code fc2(act(fc1(x)))}. */
public final class ClipMlp {

    private final ClipActivation activation;
    private final Linear fc1;
    private final Linear fc2;

    private ClipMlp(ClipActivation activation, Linear fc1, Linear fc2) {
        this.activation = activation;
        this.fc1 = fc1;
        this.fc2 = fc2;
    }

    public static ClipMlp load(Weights w, ClipEncoderSettings settings) {
        return new ClipMlp(settings.hiddenAct(),
                Linear.load(w.at("fc1"), settings.hiddenSize(), settings.intermediateSize(), true),
                Linear.load(w.at("fc2"), settings.intermediateSize(), settings.hiddenSize(), true));
    }

    public NDArray forward(NDArray x) {
        return fc2.forward(activation.apply(fc1.forward(x)));
    }
}
