package com.pawprint.diffusion.clip;

/**
 * The transformer shape shared by CLIP's text and vision towers, so both build the same {@link ClipEncoder}.
 *
 * @param hiddenSize        residual width
 * @param intermediateSize  MLP inner width
 * @param numHiddenLayers   encoder layers
 * @param numAttentionHeads attention heads per layer
 * @param hiddenAct         MLP activation
 * @param layerNormEps      epsilon of every layer norm
 */
public record ClipEncoderSettings(
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        ClipActivation hiddenAct,
        double layerNormEps) {

    public ClipEncoderSettings {
        if (hiddenSize <= 0 || intermediateSize <= 0 || numHiddenLayers <= 0 || numAttentionHeads <= 0
                || hiddenSize % numAttentionHeads != 0 || layerNormEps <= 0) {
            throw new IllegalArgumentException("invalid CLIP encoder: hidden " + hiddenSize + ", intermediate "
                    + intermediateSize + ", layers " + numHiddenLayers + ", heads " + numAttentionHeads
                    + " (heads must divide hidden), eps " + layerNormEps);
        }
        java.util.Objects.requireNonNull(hiddenAct, "hiddenAct");
    }
}
