package com.pawprint.diffusion.prompt;

/**
 * How a prompt's tokens are cut into the chunks the text encoder reads one at a time.
 *
 * @param textTokensPerChunk text tokens in one chunk, which the start and end tokens frame; the framed chunk must
 *                           fit the encoder's positions. Default {@value #DEFAULT_TEXT_TOKENS_PER_CHUNK}: SD 1.x's
 *                           77 positions less the two frame tokens, A1111's {@code chunk_length}.
 * @param commaBacktrack     when a chunk is full and its last comma lies at most this many tokens back, the tokens
 *                           after that comma move to the next chunk, so a phrase is not cut in two; 0 never moves
 *                           any. Default {@value #DEFAULT_COMMA_BACKTRACK}, A1111's {@code comma_padding_backtrack}.
 */
public record PromptChunkingConfig(int textTokensPerChunk, int commaBacktrack) {

    public static final int DEFAULT_TEXT_TOKENS_PER_CHUNK = 75;
    public static final int DEFAULT_COMMA_BACKTRACK = 20;

    public PromptChunkingConfig {
        if (textTokensPerChunk < 1 || commaBacktrack < 0) {
            throw new IllegalArgumentException("a chunk needs at least one text token and the comma backtrack must "
                    + "not be negative, got " + textTokensPerChunk + " and " + commaBacktrack);
        }
    }

    /** A1111's settings for SD 1.x. */
    public static PromptChunkingConfig defaults() {
        return new PromptChunkingConfig(DEFAULT_TEXT_TOKENS_PER_CHUNK, DEFAULT_COMMA_BACKTRACK);
    }

    /** Tokens in one framed chunk: the text tokens plus start and end. */
    public int chunkLength() {
        return textTokensPerChunk + 2;
    }
}
