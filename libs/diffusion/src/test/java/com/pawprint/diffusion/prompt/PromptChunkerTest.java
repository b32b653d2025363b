package com.pawprint.diffusion.prompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pawprint.diffusion.tokenizer.ClipTokenizer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A1111's chunking ({@code tokenize_line}) with CLIP's vocabulary, where "cat", "dog", "a" and "," are one token. */
class PromptChunkerTest {

    private static final ClipTokenizer CLIP = ClipTokenizer.bundled();
    private static final PromptChunker CHUNKER = new PromptChunker(CLIP, PromptChunkingConfig.defaults());
    private static final int CAT = CLIP.encode("cat")[0];
    private static final int DOG = CLIP.encode("dog")[0];
    private static final int COMMA = CLIP.tokenId(",</w>").orElseThrow();

    private static String words(String word, int count) {
        return (word + " ").repeat(count);
    }

    /** The text tokens of a chunk: what lies between the start token and the padding. */
    private static int[] text(PromptChunk chunk) {
        int[] ids = chunk.ids();
        int end = 1;
        while (ids[end] != CLIP.endId()) {
            end++;
        }
        return Arrays.copyOfRange(ids, 1, end);
    }

    private static int[] repeated(int id, int count) {
        int[] ids = new int[count];
        Arrays.fill(ids, id);
        return ids;
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }

    @Test
    void chunksAreFramedAndPaddedWithTheEndToken() {
        PromptChunk chunk = CHUNKER.chunk("a cat").chunks().get(0);
        assertEquals(77, chunk.length());
        assertEquals(CLIP.startId(), chunk.ids()[0]);
        assertArrayEquals(CLIP.encode("a cat"), text(chunk));
        assertTrue(Arrays.stream(chunk.ids()).skip(3).allMatch(id -> id == CLIP.endId()));
        assertTrue(chunk.unweighted());
    }

    @Test
    void aPromptOverSeventyFiveTokensGetsASecondChunkInsteadOfBeingCut() {
        ChunkedPrompt prompt = CHUNKER.chunk(words("cat", 80));
        assertEquals(2, prompt.chunkCount());
        assertEquals(154, prompt.contextLength());
        assertEquals(154, prompt.inputIds().length);
        assertArrayEquals(repeated(CAT, 75), text(prompt.chunks().get(0)));
        assertArrayEquals(repeated(CAT, 5), text(prompt.chunks().get(1)));
        assertEquals(CLIP.endId(), prompt.chunks().get(0).ids()[76]);
        assertEquals(80, prompt.tokenCount());
        assertEquals(1, CHUNKER.chunk(words("cat", 75)).chunkCount(), "exactly 75 tokens fit one chunk");
    }

    @Test
    void aFullChunkHandsTheTokensAfterANearbyCommaToTheNextChunk() {
        ChunkedPrompt prompt = CHUNKER.chunk(words("cat", 70) + ", " + words("dog", 10));
        assertEquals(2, prompt.chunkCount());
        assertArrayEquals(concat(repeated(CAT, 70), new int[] {COMMA}), text(prompt.chunks().get(0)));
        assertArrayEquals(repeated(DOG, 10), text(prompt.chunks().get(1)));
        assertEquals(85, prompt.tokenCount(), "the first chunk counts as a full one");
    }

    @Test
    void aCommaFurtherBackThanTwentyTokensIsNotBackedUpTo() {
        ChunkedPrompt prompt = CHUNKER.chunk(words("cat", 50) + ", " + words("dog", 30));
        assertArrayEquals(concat(repeated(CAT, 50), new int[] {COMMA}, repeated(DOG, 24)),
                text(prompt.chunks().get(0)));
        assertArrayEquals(repeated(DOG, 6), text(prompt.chunks().get(1)));

        ChunkedPrompt twentyBack = CHUNKER.chunk(words("cat", 55) + ", " + words("dog", 25));
        assertArrayEquals(concat(repeated(CAT, 55), new int[] {COMMA}), text(twentyBack.chunks().get(0)),
                "a comma exactly twenty tokens back still counts");

        PromptChunker noBacktrack = new PromptChunker(CLIP, new PromptChunkingConfig(75, 0));
        assertArrayEquals(concat(repeated(CAT, 70), new int[] {COMMA}, repeated(DOG, 4)),
                text(noBacktrack.chunk(words("cat", 70) + ", " + words("dog", 10)).chunks().get(0)));
    }

    @Test
    void movedTokensKeepTheirWeights() {
        ChunkedPrompt prompt = CHUNKER.chunk(words("cat", 70) + ", (dog:1.5) " + words("dog", 9));
        float[] second = prompt.chunks().get(1).weights();
        assertEquals(DOG, prompt.chunks().get(1).ids()[1]);
        assertEquals(1.5f, second[1]);
        assertEquals(1f, second[2]);
    }

    @Test
    void breakStartsANewChunk() {
        ChunkedPrompt prompt = CHUNKER.chunk("a cat BREAK a dog");
        assertEquals(2, prompt.chunkCount());
        assertArrayEquals(CLIP.encode("a cat"), text(prompt.chunks().get(0)));
        assertArrayEquals(CLIP.encode("a dog"), text(prompt.chunks().get(1)));
        assertEquals(77, prompt.tokenCount());
        assertEquals(1, CHUNKER.chunk("a cat BREAK").chunkCount(), "nothing after BREAK opens no chunk");
        assertEquals(List.of(CHUNKER.emptyChunk(), CHUNKER.chunk("a dog").chunks().get(0)),
                CHUNKER.chunk("BREAK a dog").chunks(), "BREAK first closes an empty chunk");
    }

    @Test
    void weightsFollowTheirTokensAndTheFrameWeighsOne() {
        PromptChunk chunk = CHUNKER.chunk("a (cat:1.5) [dog]").chunks().get(0);
        assertArrayEquals(new int[] {CLIP.encode("a")[0], CAT, DOG}, text(chunk));
        float[] weights = chunk.weights();
        assertEquals(1f, weights[0]);
        assertEquals(1f, weights[1]);
        assertEquals(1.5f, weights[2]);
        assertEquals((float) (1 / 1.1), weights[3]);
        assertTrue(Arrays.stream(chunk.ids()).skip(4).allMatch(id -> id == CLIP.endId()));
        for (int i = 4; i < weights.length; i++) {
            assertEquals(1f, weights[i]);
        }
    }

    @Test
    void anEmptyPromptIsOneChunkOfPadding() {
        ChunkedPrompt empty = CHUNKER.chunk("");
        assertEquals(List.of(CHUNKER.emptyChunk()), empty.chunks());
        assertEquals(0, empty.tokenCount());
        assertArrayEquals(CLIP.tokenize("").inputIds(), CHUNKER.emptyChunk().ids());
    }

    @Test
    void theShorterOfTwoPromptsIsPaddedWithEmptyChunks() {
        ChunkedPrompt longer = CHUNKER.chunk(words("cat", 160));
        ChunkedPrompt shorter = CHUNKER.chunk("blurry");
        assertEquals(3, longer.chunkCount());
        ChunkedPrompt padded = CHUNKER.padTo(shorter, longer.chunkCount());
        assertEquals(3, padded.chunkCount());
        assertEquals(longer.contextLength(), padded.contextLength());
        assertEquals(List.of(shorter.chunks().get(0), CHUNKER.emptyChunk(), CHUNKER.emptyChunk()), padded.chunks());
        assertSame(longer, CHUNKER.padTo(longer, 2));
    }

    @Test
    void promptsOfWeightOneAndAtMostSeventyFiveTokensGiveTodaysIds() {
        for (String prompt : List.of("a cat", "a photo of sks dog: sitting, watercolor, 4k", "",
                words("cat", 75), "  spaced   out  ")) {
            ChunkedPrompt chunked = CHUNKER.chunk(prompt);
            assertEquals(1, chunked.chunkCount(), prompt);
            assertTrue(chunked.unweighted(), prompt);
            assertArrayEquals(CLIP.tokenize(prompt).inputIds(), chunked.chunks().get(0).ids(), prompt);
        }
    }

    @Test
    void configsAreChecked() {
        assertEquals(new PromptChunkingConfig(75, 20), PromptChunkingConfig.defaults());
        assertEquals(77, PromptChunkingConfig.defaults().chunkLength());
        assertThrows(IllegalArgumentException.class, () -> new PromptChunkingConfig(0, 20));
        assertThrows(IllegalArgumentException.class, () -> new PromptChunkingConfig(75, -1));
    }
}
