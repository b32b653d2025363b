package com.pawprint.diffusion.prompt;

import java.util.Arrays;

/**
 * One chunk of a prompt as the text encoder reads it: start token, text tokens, end tokens as padding, end token;
 * and the weight of each position (1 for the frame and the padding).
 *
 * @param ids     token ids, {@link PromptChunkingConfig#chunkLength()} of them
 * @param weights one multiplier per id, as float because A1111 applies them as a float32 tensor
 */
public record PromptChunk(int[] ids, float[] weights) {

    public PromptChunk {
        if (ids.length != weights.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + weights.length + " weights");
        }
        ids = ids.clone();
        weights = weights.clone();
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    public int length() {
        return ids.length;
    }

    /** Whether every weight is 1, so weighting leaves the encoder's output as it is. */
    public boolean unweighted() {
        for (float weight : weights) {
            if (weight != 1f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PromptChunk chunk && Arrays.equals(ids, chunk.ids)
                && Arrays.equals(weights, chunk.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "PromptChunk[ids=" + Arrays.toString(ids) + ", weights=" + Arrays.toString(weights) + "]";
    }
}
