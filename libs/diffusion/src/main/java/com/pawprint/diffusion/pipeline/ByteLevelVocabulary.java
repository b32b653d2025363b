package com.pawprint.diffusion.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pawprint.diffusion.tokenizer.ClipTokenizer;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The smallest vocabulary a CLIP tokenizer accepts (GPT-2's 256 byte symbols, each also as a word end, plus the two
 * special tokens: 514 ids, no merges). Small generated models use it, because the real 49408-token vocabulary would
 * index past their tiny embedding tables.
 */
public final class ByteLevelVocabulary {

    private static final String MERGES = "#version: 0.2\n";

    private ByteLevelVocabulary() {
    }

    /** Token to id; printable bytes stand for themselves, the others are shifted past 255 (GPT-2's byte alphabet). */
    public static Map<String, Integer> tokens() {
        Map<String, Integer> vocabulary = new LinkedHashMap<>();
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = b >= 33 && b <= 126 || b >= 161 && b <= 172 || b >= 174;
            String symbol = String.valueOf((char) (printable ? b : 256 + shifted++));
            vocabulary.put(symbol, vocabulary.size());
            vocabulary.put(symbol + "</w>", vocabulary.size());
        }
        vocabulary.put(ClipTokenizer.START_OF_TEXT, vocabulary.size());
        vocabulary.put(ClipTokenizer.END_OF_TEXT, vocabulary.size());
        return vocabulary;
    }

    public static ClipTokenizer tokenizer() {
        try {
            return ClipTokenizer.fromVocabularyAndMerges(
                    new StringReader(new ObjectMapper().writeValueAsString(tokens())), new StringReader(MERGES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code vocab.json} and {@code merges.txt} into a diffusers {@code tokenizer/} folder. */
    public static void writeDiffusersTokenizer(Path tokenizerFolder) throws IOException {
        Files.createDirectories(tokenizerFolder);
        new ObjectMapper().writeValue(tokenizerFolder.resolve("vocab.json").toFile(), tokens());
        Files.writeString(tokenizerFolder.resolve("merges.txt"), MERGES);
    }
}
