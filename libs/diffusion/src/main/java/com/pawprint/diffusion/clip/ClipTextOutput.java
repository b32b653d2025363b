package com.pawprint.diffusion.clip;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What {@link ClipTextModel#forward} returns, as transformers does with {@code output_hidden_states=True}.
 *
 * @param lastHiddenState the final layer's output after {@code final_layer_norm}, {@code [B, T, hidden]}
 * @param hiddenStates    embeddings output, then each layer's output, before the final norm
 */
public record ClipTextOutput(NDArray lastHiddenState, List<NDArray> hiddenStates) {

    public ClipTextOutput {
        hiddenStates = List.copyOf(hiddenStates);
    }

    /** The second-to-last layer's output, before the final norm (what clip_skip 2 starts from). */
    public NDArray penultimateHiddenState() {
        return hiddenStates.get(hiddenStates.size() - 2);
    }
}
