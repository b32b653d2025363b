package com.pawprint.diffusion.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.diffusion.loader.ModelConfigs;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pipeline with A1111's prompt encoding on the tiny model, whose byte-level vocabulary makes every character
 * one token: long prompts are no longer cut at 75 tokens, weights change the image, plain prompts do not change.
 */
class WeightedPromptTest {

    /** 75 tokens: each "abc " is three (a, b, c at a word end). */
    private static final String SEVENTY_FIVE_TOKENS = "abc ".repeat(25).strip();

    private static StableDiffusion model;

    @BeforeAll
    static void load() {
        model = StableDiffusion.random(ModelConfigs.tiny(), 42, ComputeDevice.cpu());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static int[] image(Txt2ImgRequest.Builder request) {
        Txt2ImgResult result = model.generate(request.build());
        assertEquals(1, result.images().size());
        return Txt2ImgTest.pixels(result.images().get(0));
    }

    @Test
    void encodePromptGivesTodaysEmbeddingForPlainPromptsOfAtMostSeventyFiveTokens() {
        assertEquals(75, model.tokenizer().tokenize(SEVENTY_FIVE_TOKENS).tokenCount());
        for (String prompt : new String[] {"a cat", "a cat, on a mat: sleeping", "", SEVENTY_FIVE_TOKENS}) {
            long[] ids = model.tokenizer().tokenize(prompt).inputIdsAsLongs();
            try (NDArray inputIds = model.manager().create(ids, new Shape(1, 77));
                 NDArray today = model.textEncoder().encode(inputIds, 1);
                 NDArray now = model.encodePrompt(prompt, 1)) {
                assertEquals(new Shape(1, 77, 64), now.getShape());
                assertArrayEquals(today.toFloatArray(), now.toFloatArray(), prompt);
            }
        }
    }

    @Test
    void encodePromptEncodesALongPromptInChunksInsteadOfCuttingIt() {
        try (NDArray embedding = model.encodePrompt(SEVENTY_FIVE_TOKENS + " with a hat", 1)) {
            assertEquals(new Shape(1, 154, 64), embedding.getShape());
        }
    }

    @Test
    void generateUsesTheTokensPastSeventyFive() {
        int[] cut = image(Txt2ImgTest.tiny(SEVENTY_FIVE_TOKENS));
        int[] whole = image(Txt2ImgTest.tiny(SEVENTY_FIVE_TOKENS + " with a red hat"));
        assertFalse(Arrays.equals(cut, whole), "the second chunk reaches the UNet");
        int[] longNegative = image(Txt2ImgTest.tiny("a cat").negativePrompt(SEVENTY_FIVE_TOKENS + ", blurry"));
        assertTrue(Arrays.stream(longNegative).distinct().count() > 10, "a negative prompt longer than the prompt");
        int[] unguided = image(Txt2ImgTest.tiny(SEVENTY_FIVE_TOKENS + " with a red hat").guidanceScale(1));
        assertTrue(Arrays.stream(unguided).distinct().count() > 10, "without guidance too");
    }

    @Test
    void theEncoderReadsThePromptAsWrittenApartFromLoraTags() {
        Txt2ImgResult result = model.generate(Txt2ImgTest.tiny("a cat,").build());
        assertEquals("a cat", result.prompt(), "the result shows the tidied prompt");
        assertFalse(Arrays.equals(image(Txt2ImgTest.tiny("a cat")), Txt2ImgTest.pixels(result.images().get(0))),
                "the trailing comma is a token, as in A1111");
    }

    @Test
    void generateHonoursAttentionWeights() {
        int[] plain = image(Txt2ImgTest.tiny("a cat on a mat"));
        int[] weighted = image(Txt2ImgTest.tiny("a (cat:1.3) on a mat"));
        assertFalse(Arrays.equals(plain, weighted), "(cat:1.3) changes the image");
        assertArrayEquals(plain, image(Txt2ImgTest.tiny("a (cat:1) on a mat")), "a weight of 1 changes nothing");
        int[] broken = image(Txt2ImgTest.tiny("a cat BREAK on a mat"));
        assertFalse(Arrays.equals(plain, broken), "BREAK gives a second chunk");
    }
}
