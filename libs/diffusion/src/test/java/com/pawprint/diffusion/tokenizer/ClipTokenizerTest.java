package com.pawprint.diffusion.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compares with ids from openai/CLIP's simple_tokenizer.py (src/test/python/reference_tokenizer.py). */
class ClipTokenizerTest {

    private static JsonNode golden;
    private static ClipTokenizer bundled;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ClipTokenizerTest.class.getResourceAsStream("/golden/clip_tokenizer.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        bundled = ClipTokenizer.bundled();
    }

    @Test
    void bundledVocabularyHasClipsSizeAndSpecialIds() {
        assertEquals(golden.get("vocab_size").asInt(), bundled.vocabularySize());
        assertEquals(49406, bundled.startId());
        assertEquals(49407, bundled.endId());
        assertEquals(golden.get("start_id").asInt(), bundled.startId());
        assertEquals(golden.get("end_id").asInt(), bundled.endId());
    }

    @Test
    void vocabularyEntriesAreLookedUpBySymbol() {
        assertEquals(OptionalInt.of(267), bundled.tokenId(",</w>"), "CLIP's word-final comma");
        assertEquals(OptionalInt.of(bundled.endId()), bundled.tokenId(ClipTokenizer.END_OF_TEXT));
        assertTrue(bundled.tokenId("no such symbol").isEmpty());
    }

    @Test
    void encodesLikeSimpleTokenizer() {
        for (JsonNode golden : cases()) {
            String text = golden.get("text").asText();
            assertArrayEquals(ints(golden.get("ids")), bundled.encode(text), () -> "ids of " + quoted(text));
            assertEquals(golden.get("cleaned").asText(), ClipTextCleaner.clean(text), () -> "clean-up of " + quoted(text));
        }
    }

    @Test
    void framesSd1PromptsWithStartEndAndEndPadding() {
        for (JsonNode golden : cases()) {
            String text = golden.get("text").asText();
            PromptTokens tokens = bundled.tokenize(text);
            int[] ids = ints(golden.get("ids"));
            assertArrayEquals(ints(golden.get("input_ids")), tokens.inputIds(), () -> "input ids of " + quoted(text));
            assertEquals(ClipTokenizer.CONTEXT_LENGTH, tokens.inputIds().length);
            assertEquals(ids.length, tokens.tokenCount());
            assertEquals(Math.min(ids.length, 75), tokens.keptTokenCount());
            assertEquals(ids.length > 75, tokens.truncated(), () -> "truncation of " + quoted(text));
            assertEquals(golden.path("dropped_text").asText(""), tokens.droppedText(), () -> "dropped text of " + quoted(text));
            assertEquals(golden.get("cleaned").asText(), tokens.cleanedText());
        }
    }

    @Test
    void truncationKeepsTheEndTokenLastAndReportsAWordCutInTheMiddle() {
        PromptTokens tokens = bundled.tokenize("a ".repeat(70) + "supercalifragilisticexpialidocious cat");
        assertTrue(tokens.tokenCount() > 75);
        assertEquals(49407, tokens.inputIds()[76]);
        assertTrue(tokens.inputIds()[75] != 49407, "the 75th text token is kept");
        assertEquals("supercalifragilisticexpialidocious cat", tokens.droppedText());
        assertEquals(140, tokens.droppedFrom());
    }

    @Test
    void decodesLikeSimpleTokenizer() {
        for (JsonNode golden : cases()) {
            assertEquals(golden.get("decoded").asText(), bundled.decode(ints(golden.get("ids"))),
                    () -> "decoding of " + quoted(golden.get("text").asText()));
        }
        assertThrows(IllegalArgumentException.class, () -> bundled.decode(new int[] {49408}));
    }

    @Test
    void idsAsLongsForEmbeddingLookups() {
        PromptTokens tokens = bundled.tokenize("a cat");
        assertArrayEquals(new long[] {49406, 320, 2368, 49407}, Arrays.copyOf(tokens.inputIdsAsLongs(), 4));
    }

    @Test
    void diffusersVocabJsonAndMergesGiveTheSameIds(@TempDir Path folder) throws IOException {
        writeHuggingFaceFiles(folder);
        ClipTokenizer fromFolder = ClipTokenizer.fromDiffusersFolder(folder);

        assertEquals(bundled.vocabularySize(), fromFolder.vocabularySize());
        assertEquals(bundled.startId(), fromFolder.startId());
        assertEquals(bundled.endId(), fromFolder.endId());
        for (JsonNode golden : cases()) {
            String text = golden.get("text").asText();
            assertArrayEquals(ints(golden.get("input_ids")), fromFolder.tokenize(text).inputIds(), () -> quoted(text));
        }
        int[] everyId = IntStream.range(0, 49406).toArray();
        assertEquals(bundled.decode(everyId), fromFolder.decode(everyId));
    }

    @Test
    void missingTokenizerFilesAreNamed(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("vocab.json"), "{}");
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> ClipTokenizer.fromDiffusersFolder(folder));
        assertTrue(error.getMessage().contains("merges.txt"), error.getMessage());
    }

    @Test
    void malformedTokenizerFilesAreRejectedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClipTokenizer.fromVocabularyAndMerges(
                new StringReader("[1, 2]"), new StringReader("#version: 0.2\n"))).getMessage().contains("JSON object"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClipTokenizer.fromVocabularyAndMerges(
                new StringReader("{\"a\": \"x\"}"), new StringReader("#version: 0.2\n"))).getMessage()
                .contains("not a token id"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClipTokenizer.fromVocabularyAndMerges(
                new StringReader("{}"), new StringReader(""))).getMessage().contains("empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClipTokenizer.fromVocabularyAndMerges(
                new StringReader("{\"a\": 0}"), new StringReader("#version: 0.2\ni n\n"))).getMessage()
                .contains("<|startoftext|>"));
    }

    @Test
    void sharedTokenizerIsSafeAcrossThreads() {
        List<JsonNode> cases = cases();
        IntStream.range(0, cases.size() * 8).parallel().forEach(i -> {
            JsonNode golden = cases.get(i % cases.size());
            assertArrayEquals(ints(golden.get("input_ids")), bundled.tokenize(golden.get("text").asText()).inputIds());
        });
        assertFalse(bundled.cachedWords() == 0);
    }

    /** Hugging Face's CLIPTokenizer files, laid out as in a diffusers tokenizer/ folder, from CLIP's merge list. */
    private static void writeHuggingFaceFiles(Path folder) throws IOException {
        List<String> mergeLines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                ClipTokenizer.class.getResourceAsStream(ClipTokenizer.BUNDLED_VOCABULARY)), StandardCharsets.UTF_8))) {
            reader.readLine();
            for (int i = 0; i < 48894; i++) {
                mergeLines.add(reader.readLine());
            }
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        String symbols = ByteLevelAlphabet.symbolsInVocabularyOrder();
        symbols.chars().forEach(symbol -> vocab.put(String.valueOf((char) symbol), vocab.size()));
        symbols.chars().forEach(symbol -> vocab.put((char) symbol + "</w>", vocab.size()));
        for (String merge : mergeLines) {
            vocab.put(merge.replace(" ", ""), vocab.size());
        }
        vocab.put("<|startoftext|>", vocab.size());
        vocab.put("<|endoftext|>", vocab.size());
        new ObjectMapper().writeValue(folder.resolve("vocab.json").toFile(), vocab);
        Files.write(folder.resolve("merges.txt"), concat("#version: 0.2", mergeLines), StandardCharsets.UTF_8);
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static List<JsonNode> cases() {
        List<JsonNode> cases = new ArrayList<>();
        golden.get("cases").forEach(cases::add);
        return cases;
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    private static String quoted(String text) {
        return "\"" + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "\"";
    }
}
