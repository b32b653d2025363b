package com.pawprint.diffusion.prompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.diffusion.loader.ModelConfigs;
import com.pawprint.diffusion.pipeline.StableDiffusion;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The weighted, chunked encoding on the tiny model (its byte-level vocabulary makes every character one token),
 * against the plain encoder and a hand computation of A1111's "Original" emphasis.
 */
class WeightedPromptEncoderTest {

    private static final double TOLERANCE = 1e-6;

    private static StableDiffusion model;
    private static WeightedPromptEncoder encoder;
    private static NDManager manager;

    @BeforeAll
    static void load() {
        model = StableDiffusion.random(ModelConfigs.tiny(), 42, ComputeDevice.cpu());
        encoder = new WeightedPromptEncoder(model.tokenizer(), model.textEncoder(), PromptChunkingConfig.defaults());
        manager = model.manager();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** The encoder's plain output for one framed chunk, {@code [77 * 64]} floats. */
    private static float[] plain(PromptChunk chunk, int clipSkip) {
        long[] ids = Arrays.stream(chunk.ids()).asLongStream().toArray();
        try (NDArray inputIds = manager.create(ids, new Shape(1, ids.length));
             NDArray hidden = model.textEncoder().encode(inputIds, clipSkip)) {
            return hidden.toFloatArray();
        }
    }

    /** A1111's EmphasisOriginal in doubles: rows times weights, then scaled back to the unweighted mean. */
    private static double[] weightedByHand(float[] z, float[] weights) {
        int width = z.length / weights.length;
        double originalSum = 0;
        double[] weighted = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            originalSum += z[i];
            weighted[i] = (double) z[i] * weights[i / width];
        }
        double weightedSum = Arrays.stream(weighted).sum();
        double ratio = (originalSum / z.length) / (weightedSum / z.length);
        return Arrays.stream(weighted).map(x -> x * ratio).toArray();
    }

    private static void assertClose(double[] expected, float[] actual, int offset, String what) {
        for (int i = 0; i < expected.length; i++) {
            double difference = Math.abs(expected[i] - actual[offset + i]);
            if (difference > TOLERANCE) {
                throw new AssertionError(what + ": element " + i + " is " + actual[offset + i] + ", expected "
                        + expected[i]);
            }
        }
    }

    @Test
    void weightedEmbeddingsAreTheEncodersRowsTimesWeightsWithTheMeanRestored() {
        for (int clipSkip = 1; clipSkip <= 2; clipSkip++) {
            String prompt = "a (cat:1.5) on [a] ((mat)), (sun:0.3)";
            ChunkedPrompt chunked = encoder.chunker().chunk(prompt);
            PromptChunk chunk = chunked.chunks().get(0);
            assertEquals(1, chunked.chunkCount());
            try (NDArray embedding = encoder.encode(prompt, clipSkip, manager)) {
                assertEquals(new Shape(1, 77, 64), embedding.getShape());
                assertClose(weightedByHand(plain(chunk, clipSkip), chunk.weights()), embedding.toFloatArray(), 0,
                        "clip skip " + clipSkip);
            }
        }
    }

    @Test
    void eachChunkIsEncodedAndWeightedOnItsOwn() {
        String prompt = "a (tabby cat:1.3) ".repeat(6) + "BREAK [sleeping] on a mat, " + "x".repeat(80);
        ChunkedPrompt chunked = encoder.chunker().chunk(prompt);
        assertEquals(3, chunked.chunkCount());
        try (NDArray embedding = encoder.encode(prompt, 1, manager)) {
            assertEquals(new Shape(1, 3 * 77, 64), embedding.getShape());
            float[] all = embedding.toFloatArray();
            for (int c = 0; c < chunked.chunkCount(); c++) {
                PromptChunk chunk = chunked.chunks().get(c);
                assertClose(weightedByHand(plain(chunk, 1), chunk.weights()), all, c * 77 * 64, "chunk " + c);
            }
        }
    }

    @Test
    void unweightedPromptsOfAtMostSeventyFiveTokensGiveTodaysEmbeddingExactly() {
        for (String prompt : List.of("a cat", "a photo of sks dog: sitting, watercolor", "", "abc ".repeat(25))) {
            assertEquals(1, encoder.chunker().chunk(prompt).chunkCount(), prompt);
            long[] ids = model.tokenizer().tokenize(prompt).inputIdsAsLongs();
            for (int clipSkip = 1; clipSkip <= 2; clipSkip++) {
                try (NDArray inputIds = manager.create(ids, new Shape(1, ids.length));
                     NDArray today = model.textEncoder().encode(inputIds, clipSkip);
                     NDArray weighted = encoder.encode(prompt, clipSkip, manager)) {
                    assertEquals(today.getShape(), weighted.getShape());
                    assertArrayEquals(today.toFloatArray(), weighted.toFloatArray(), prompt);
                }
            }
        }
    }

    @Test
    void promptAndNegativePromptArePaddedToOneLengthWithTheEmptyPrompt() {
        String longPrompt = "a cat on a mat, ".repeat(15);
        assertEquals(3, encoder.chunker().chunk(longPrompt).chunkCount());
        try (PromptPairEmbeddings pair = encoder.encodePair(longPrompt, "blurry", 1, manager);
             NDArray empty = encoder.encode("", 1, manager);
             NDArray negative = encoder.encode("blurry", 1, manager);
             NDArray positive = encoder.encode(longPrompt, 1, manager)) {
            assertEquals(new Shape(1, 231, 64), pair.prompt().getShape());
            assertEquals(new Shape(1, 231, 64), pair.negativePrompt().getShape());
            assertArrayEquals(positive.toFloatArray(), pair.prompt().toFloatArray(), 1e-6f);
            assertArrayEquals(negative.toFloatArray(),
                    pair.negativePrompt().get(new NDIndex(":, 0:77, :")).toFloatArray(), 1e-6f);
            for (int c = 1; c < 3; c++) {
                assertArrayEquals(empty.toFloatArray(),
                        pair.negativePrompt().get(new NDIndex(":, {}:{}, :", c * 77, c * 77 + 77)).toFloatArray(),
                        1e-6f, "padding chunk " + c);
            }
        }
        try (PromptPairEmbeddings pair = encoder.encodePair("a cat", "x".repeat(100), 1, manager)) {
            assertEquals(new Shape(1, 154, 64), pair.prompt().getShape(), "the prompt is padded when shorter");
            assertEquals(new Shape(1, 154, 64), pair.negativePrompt().getShape());
        }
    }

    @Test
    void chunksLongerThanTheEncodersPositionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WeightedPromptEncoder(model.tokenizer(),
                model.textEncoder(), new PromptChunkingConfig(76, 20)));
    }
}
