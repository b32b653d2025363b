package com.pawprint.diffusion.prompt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.clip.ClipTextModel;
import com.pawprint.diffusion.tokenizer.ClipTokenizer;
import java.util.Objects;

/**
 * Prompts to text embeddings as A1111's WebUI makes them ({@code FrozenCLIPEmbedderWithCustomWordsBase.forward}):
 * the attention syntax is parsed, the tokens are cut into chunks ({@link PromptChunker}), every chunk is encoded on
 * its own with the requested clip skip, weighted by {@link OriginalEmphasis}, and the chunks are joined along the
 * token axis. A prompt of at most 75 tokens with no weights gives exactly what encoding
 * {@link ClipTokenizer#tokenize} gives.
 */
public final class WeightedPromptEncoder {

    private final ClipTextModel textEncoder;
    private final PromptChunker chunker;

    /**
     * @throws IllegalArgumentException when a chunk of {@code config} is longer than the encoder has positions
     */
    public WeightedPromptEncoder(ClipTokenizer tokenizer, ClipTextModel textEncoder, PromptChunkingConfig config) {
        this.textEncoder = Objects.requireNonNull(textEncoder, "textEncoder");
        int positions = textEncoder.config().maxPositionEmbeddings();
        if (config.chunkLength() > positions) {
            throw new IllegalArgumentException("chunks of " + config.chunkLength() + " tokens do not fit the text "
                    + "encoder's " + positions + " positions");
        }
        this.chunker = new PromptChunker(tokenizer, config);
    }

    public PromptChunker chunker() {
        return chunker;
    }

    /** {@code [1, chunks * 77, hidden]} for {@code prompt}, in {@code manager}. */
    public NDArray encode(String prompt, int clipSkip, NDManager manager) {
        return encode(chunker.chunk(prompt), clipSkip, manager);
    }

    /**
     * Prompt and negative prompt, the shorter padded with empty chunks to the other's length as A1111 does with
     * "pad prompt/negative prompt" on: the padding is the encoding of the empty prompt, so both fit one UNet batch.
     */
    public PromptPairEmbeddings encodePair(String prompt, String negativePrompt, int clipSkip, NDManager manager) {
        ChunkedPrompt positive = chunker.chunk(prompt);
        ChunkedPrompt negative = chunker.chunk(negativePrompt);
        int chunks = Math.max(positive.chunkCount(), negative.chunkCount());
        NDArray positiveEmbedding = encode(chunker.padTo(positive, chunks), clipSkip, manager);
        try {
            return new PromptPairEmbeddings(positiveEmbedding,
                    encode(chunker.padTo(negative, chunks), clipSkip, manager));
        } catch (RuntimeException e) {
            positiveEmbedding.close();
            throw e;
        }
    }

    /**
     * {@code [1, chunks * chunkLength, hidden]} for chunks already made. The chunks go through the encoder as one
     * batch; each is encoded on its own all the same, since nothing in CLIP looks across the batch.
     */
    public NDArray encode(ChunkedPrompt prompt, int clipSkip, NDManager manager) {
        int chunks = prompt.chunkCount();
        int length = prompt.chunks().get(0).length();
        NDArray embedding;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray inputIds = manager.create(prompt.inputIds(), new Shape(chunks, length));
            NDArray hidden = textEncoder.encode(inputIds, clipSkip);
            // Weights of 1 change nothing (x * 1 and a mean ratio of exactly 1), so such prompts skip the
            // arithmetic and stay bit for bit what the encoder gave.
            NDArray weighted = prompt.unweighted() ? hidden
                    : OriginalEmphasis.apply(hidden, manager.create(prompt.weights(), new Shape(chunks, length)));
            embedding = chunks == 1 ? weighted : weighted.reshape(1, (long) chunks * length, hidden.getShape().get(2));
            NDScope.unregister(embedding);
        }
        NDScope.register(embedding);
        return embedding;
    }
}
