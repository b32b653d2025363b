package com.pawprint.diffusion.prompt;

import com.pawprint.diffusion.tokenizer.ClipTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Tokenizes weighted prompt pieces into chunks as A1111's {@code FrozenCLIPEmbedderWithCustomWordsBase.tokenize_line}
 * does: no truncation; each piece is tokenized on its own; a chunk holds
 * {@link PromptChunkingConfig#textTokensPerChunk()} text tokens, is framed by start and end tokens and padded with
 * end tokens (SD 1.x pads with the end token, as {@link ClipTokenizer#tokenize} does); a {@code BREAK} closes the
 * chunk early; a full chunk gives the tokens after its last comma to the next one when that comma is near enough
 * ({@link PromptChunkingConfig#commaBacktrack()}). An empty prompt is one chunk of padding. Textual-inversion
 * embeddings, which A1111 also places here, are not supported by the engine.
 */
public final class PromptChunker {

    /** The vocabulary's comma at a word end, the only comma A1111 backs up to (not one inside {@code ",,"}). */
    private static final String COMMA = ",</w>";

    private final ClipTokenizer tokenizer;
    private final PromptChunkingConfig config;
    private final int commaId;

    public PromptChunker(ClipTokenizer tokenizer, PromptChunkingConfig config) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.config = Objects.requireNonNull(config, "config");
        // Ids are never negative, so a vocabulary without the comma never backs up, as in A1111.
        this.commaId = tokenizer.tokenId(COMMA).orElse(-1);
    }

    public PromptChunkingConfig config() {
        return config;
    }

    /** Parses the attention syntax of {@code prompt} ({@link PromptAttentionParser}) and chunks the pieces. */
    public ChunkedPrompt chunk(String prompt) {
        return chunk(PromptAttentionParser.parse(prompt));
    }

    /** Chunks pieces already parsed; {@link WeightedText#isBreak()} pieces end a chunk. */
    public ChunkedPrompt chunk(List<WeightedText> pieces) {
        ChunkBuilder builder = new ChunkBuilder();
        for (WeightedText piece : pieces) {
            if (piece.isBreak()) {
                builder.close(false);
                continue;
            }
            float weight = (float) piece.weight();
            for (int id : tokenizer.encode(piece.text())) {
                builder.add(id, weight);
            }
        }
        return builder.finish();
    }

    /** A chunk of no text: start token, then end tokens; what A1111 pads the shorter of two prompts with. */
    public PromptChunk emptyChunk() {
        return frame(new int[0], new float[0]);
    }

    /** {@code prompt} followed by empty chunks up to {@code chunkCount}; the prompt itself when it has that many. */
    public ChunkedPrompt padTo(ChunkedPrompt prompt, int chunkCount) {
        if (prompt.chunkCount() >= chunkCount) {
            return prompt;
        }
        List<PromptChunk> chunks = new ArrayList<>(prompt.chunks());
        while (chunks.size() < chunkCount) {
            chunks.add(emptyChunk());
        }
        return new ChunkedPrompt(chunks, prompt.tokenCount());
    }

    private PromptChunk frame(int[] textIds, float[] textWeights) {
        int length = config.chunkLength();
        int[] ids = new int[length];
        float[] weights = new float[length];
        Arrays.fill(ids, tokenizer.endId());
        Arrays.fill(weights, 1f);
        ids[0] = tokenizer.startId();
        System.arraycopy(textIds, 0, ids, 1, textIds.length);
        System.arraycopy(textWeights, 0, weights, 1, textWeights.length);
        return new PromptChunk(ids, weights);
    }

    /** The chunk being filled and those already closed. */
    private final class ChunkBuilder {
        private final List<PromptChunk> chunks = new ArrayList<>();
        private final int capacity = config.textTokensPerChunk();
        private int[] ids = new int[capacity];
        private float[] weights = new float[capacity];
        private int size;
        /** Position of the last comma in the open chunk, -1 for none. */
        private int lastComma = -1;
        private int tokenCount;

        void add(int id, float weight) {
            if (id == commaId) {
                lastComma = size;
            } else if (size == capacity && lastComma >= 0 && config.commaBacktrack() > 0
                    && size - lastComma <= config.commaBacktrack()) {
                // A1111 checks this only for a token that is not itself a comma, and forgets a comma that arrives
                // when the chunk is full (closing resets it), so the next chunk cannot back up to it.
                int cut = lastComma + 1;
                int[] movedIds = Arrays.copyOfRange(ids, cut, size);
                float[] movedWeights = Arrays.copyOfRange(weights, cut, size);
                size = cut;
                close(false);
                System.arraycopy(movedIds, 0, ids, 0, movedIds.length);
                System.arraycopy(movedWeights, 0, weights, 0, movedWeights.length);
                size = movedIds.length;
            }
            if (size == capacity) {
                close(false);
            }
            ids[size] = id;
            weights[size] = weight;
            size++;
        }

        /** Pads and frames the open chunk; only the last chunk counts its actual tokens, as A1111's counter does. */
        void close(boolean last) {
            tokenCount += last ? size : capacity;
            chunks.add(frame(Arrays.copyOf(ids, size), Arrays.copyOf(weights, size)));
            size = 0;
            lastComma = -1;
        }

        ChunkedPrompt finish() {
            if (size > 0 || chunks.isEmpty()) {
                close(true);
            }
            return new ChunkedPrompt(chunks, tokenCount);
        }
    }
}
