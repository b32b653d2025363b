package com.pawprint.diffusion.clip;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.nn.Weights;
import java.util.ArrayList;
import java.util.List;

/** The stack of {@link ClipEncoderLayer}s ({@code encoder.layers.N}), shared by CLIP's text and vision towers. */
public final class ClipEncoder {

    private final List<ClipEncoderLayer> layers;

    private ClipEncoder(List<ClipEncoderLayer> layers) {
        this.layers = layers;
    }

    public static ClipEncoder load(Weights w, ClipEncoderSettings settings) {
        List<ClipEncoderLayer> layers = new ArrayList<>();
        Weights layerWeights = w.at("layers");
        for (int i = 0; i < settings.numHiddenLayers(); i++) {
            layers.add(ClipEncoderLayer.load(layerWeights.at(i), settings));
        }
        return new ClipEncoder(List.copyOf(layers));
    }

    public int layerCount() {
        return layers.size();
    }

    /**
     * Runs the first {@code layerCount} layers and returns the hidden states as transformers'
     * {@code output_hidden_states} does: the input first, then each layer's output.
     */
    public List<NDArray> forward(NDArray hidden, NDArray mask, int layerCount) {
        if (layerCount < 0 || layerCount > layers.size()) {
            throw new IllegalArgumentException("cannot run " + layerCount + " of " + layers.size() + " layers");
        }
        List<NDArray> states = new ArrayList<>(layerCount + 1);
        states.add(hidden);
        NDArray current = hidden;
        for (int i = 0; i < layerCount; i++) {
            current = layers.get(i).forward(current, mask);
            states.add(current);
        }
        return states;
    }
}
