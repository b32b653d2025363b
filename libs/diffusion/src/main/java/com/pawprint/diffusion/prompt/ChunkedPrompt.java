package com.pawprint.diffusion.prompt;

import java.util.List;

/**
 * A prompt cut into chunks, each encoded on its own; the encodings are joined along the token axis, so the UNet
 * attends to {@code chunkCount() * chunkLength} tokens.
 *
 * @param chunks     at least one chunk, all of one length
 * @param tokenCount text tokens as A1111's counter shows them: a full chunk's worth for every chunk but the last
 *                   (also one that a {@code BREAK} or a comma ended early), plus the last one's text tokens
 */
public record ChunkedPrompt(List<PromptChunk> chunks, int tokenCount) {

    public ChunkedPrompt {
        chunks = List.copyOf(chunks);
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("a prompt has at least one chunk");
        }
        int length = chunks.get(0).length();
        if (chunks.stream().anyMatch(chunk -> chunk.length() != length)) {
            throw new IllegalArgumentException("the chunks of one prompt must be of one length");
        }
    }

    public int chunkCount() {
        return chunks.size();
    }

    /** Tokens the encoder's output has: every chunk's, frame and padding included. */
    public int contextLength() {
        return chunks.size() * chunks.get(0).length();
    }

    public boolean unweighted() {
        return chunks.stream().allMatch(PromptChunk::unweighted);
    }

    /** All chunks' ids one after the other, as {@code long}s for the embedding lookup. */
    public long[] inputIds() {
        long[] ids = new long[contextLength()];
        int at = 0;
        for (PromptChunk chunk : chunks) {
            for (int id : chunk.ids()) {
                ids[at++] = id;
            }
        }
        return ids;
    }

    /** All chunks' weights one after the other, position for position with {@link #inputIds()}. */
    public float[] weights() {
        float[] weights = new float[contextLength()];
        int at = 0;
        for (PromptChunk chunk : chunks) {
            float[] chunkWeights = chunk.weights();
            System.arraycopy(chunkWeights, 0, weights, at, chunkWeights.length);
            at += chunkWeights.length;
        }
        return weights;
    }
}
