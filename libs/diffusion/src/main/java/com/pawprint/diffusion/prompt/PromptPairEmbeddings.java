package com.pawprint.diffusion.prompt;

import ai.djl.ndarray.NDArray;

/**
 * The two text embeddings of classifier-free guidance, of one shape {@code [1, chunks * 77, hidden]} so that both
 * branches go through the UNet as one batch.
 *
 * @param prompt         the conditional branch
 * @param negativePrompt the unconditional branch
 */
public record PromptPairEmbeddings(NDArray prompt, NDArray negativePrompt) implements AutoCloseable {

    @Override
    public void close() {
        prompt.close();
        negativePrompt.close();
    }
}
