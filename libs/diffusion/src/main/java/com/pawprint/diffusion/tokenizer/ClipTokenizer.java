package com.pawprint.diffusion.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * CLIP's byte-level BPE tokenizer, giving the same ids as openai/CLIP's {@code simple_tokenizer.py} (text clean-up
 * as described in {@link ClipTextCleaner}), with SD 1.x's 77-token framing in {@link #tokenize}.
 *
 * <p>Two sources give identical ids: the vocabulary bundled with the engine ({@link #bundled()}, openai/CLIP's
 * {@code bpe_simple_vocab_16e6.txt.gz}, MIT licence, for single-file checkpoints, which carry no tokenizer) and a
 * diffusers folder's {@code tokenizer/vocab.json} + {@code merges.txt} ({@link #fromDiffusersFolder}).
 * Instances are immutable apart from a thread-safe cache and may be shared.
 */
public final class ClipTokenizer {

    /** Positions of the SD 1.x text encoder. */
    public static final int CONTEXT_LENGTH = 77;
    /** Text tokens that fit between the start and end tokens. */
    public static final int MAX_TEXT_TOKENS = CONTEXT_LENGTH - 2;
    public static final String START_OF_TEXT = "<|startoftext|>";
    public static final String END_OF_TEXT = "<|endoftext|>";

    static final String BUNDLED_VOCABULARY = "bpe_simple_vocab_16e6.txt.gz";
    /** CLIP reads merges 1 to 48,894 of its files (line 0 is a version header): 49,152 - 256 - 2 of them. */
    private static final int MERGE_COUNT = 49152 - 256 - 2;

    private static final Pattern PRE_TOKEN = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^"
                    + ClipTextCleaner.PYTHON_REGEX_WHITESPACE + "\\p{L}\\p{N}]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static volatile ClipTokenizer bundled;

    private final Map<String, Integer> encoder;
    private final String[] decoder;
    private final BytePairEncoder bpe;
    private final int startId;
    private final int endId;

    private ClipTokenizer(Map<String, Integer> encoder, List<String[]> merges) {
        this.encoder = Map.copyOf(encoder);
        this.startId = requireToken(encoder, START_OF_TEXT);
        this.endId = requireToken(encoder, END_OF_TEXT);
        this.decoder = new String[encoder.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1];
        encoder.forEach((token, id) -> decoder[id] = token);
        for (char symbol : ByteLevelAlphabet.symbolsInVocabularyOrder().toCharArray()) {
            requireToken(encoder, String.valueOf(symbol));
            requireToken(encoder, symbol + BytePairEncoder.END_OF_WORD);
        }
        for (String[] merge : merges) {
            if (!encoder.containsKey(merge[0] + merge[1])) {
                throw new IllegalArgumentException("merge '" + merge[0] + " " + merge[1]
                        + "' produces a token missing from the vocabulary");
            }
        }
        this.bpe = new BytePairEncoder(merges, List.of(START_OF_TEXT, END_OF_TEXT));
    }

    /** openai/CLIP's vocabulary shipped with the engine (49,408 tokens); loaded once, then shared. */
    public static ClipTokenizer bundled() {
        ClipTokenizer tokenizer = bundled;
        if (tokenizer == null) {
            synchronized (ClipTokenizer.class) {
                if (bundled == null) {
                    bundled = loadBundled();
                }
                tokenizer = bundled;
            }
        }
        return tokenizer;
    }

    /**
     * A diffusers {@code tokenizer/} folder: {@code vocab.json} (token to id) and {@code merges.txt}.
     *
     * @throws IllegalArgumentException naming the missing file, or what is wrong in one
     */
    public static ClipTokenizer fromDiffusersFolder(Path tokenizerFolder) {
        Path vocab = tokenizerFolder.resolve("vocab.json");
        Path merges = tokenizerFolder.resolve("merges.txt");
        for (Path required : List.of(vocab, merges)) {
            if (!Files.isRegularFile(required)) {
                throw new IllegalArgumentException("tokenizer file " + required + " is missing: a diffusers SD 1.5 "
                        + "folder has tokenizer/vocab.json and tokenizer/merges.txt (use ClipTokenizer.bundled() "
                        + "for checkpoints without a tokenizer)");
            }
        }
        try (Reader vocabReader = Files.newBufferedReader(vocab, StandardCharsets.UTF_8);
             Reader mergesReader = Files.newBufferedReader(merges, StandardCharsets.UTF_8)) {
            return fromVocabularyAndMerges(vocabReader, mergesReader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer files in " + tokenizerFolder, e);
        }
    }

    /** Hugging Face's CLIPTokenizer files: a JSON object of token to id, and merges after a version line. */
    public static ClipTokenizer fromVocabularyAndMerges(Reader vocabJson, Reader mergesTxt) throws IOException {
        Map<String, Integer> encoder = new HashMap<>(65_536);
        JsonNode vocabulary;
        try {
            vocabulary = new ObjectMapper().readTree(vocabJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("vocab.json is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (vocabulary == null || !vocabulary.isObject()) {
            throw new IllegalArgumentException("vocab.json must be a JSON object of token to integer id");
        }
        for (Map.Entry<String, JsonNode> entry : vocabulary.properties()) {
            if (!entry.getValue().canConvertToInt() || !entry.getValue().isIntegralNumber()
                    || entry.getValue().intValue() < 0) {
                throw new IllegalArgumentException("vocab.json maps '" + entry.getKey() + "' to "
                        + entry.getValue() + ", not a token id");
            }
            encoder.put(entry.getKey(), entry.getValue().intValue());
        }
        return new ClipTokenizer(encoder, readMerges(new BufferedReader(mergesTxt)));
    }

    private static ClipTokenizer loadBundled() {
        try (InputStream in = ClipTokenizer.class.getResourceAsStream(BUNDLED_VOCABULARY)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_VOCABULARY + " is missing from the tokenizer package");
            }
            List<String[]> merges = readMerges(
                    new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8)));
            // simple_tokenizer.py's vocabulary: bytes, bytes ending a word, every merge, then the two specials.
            List<String> vocabulary = new ArrayList<>(MERGE_COUNT + 514);
            String symbols = ByteLevelAlphabet.symbolsInVocabularyOrder();
            for (char symbol : symbols.toCharArray()) {
                vocabulary.add(String.valueOf(symbol));
            }
            for (char symbol : symbols.toCharArray()) {
                vocabulary.add(symbol + BytePairEncoder.END_OF_WORD);
            }
            for (String[] merge : merges) {
                vocabulary.add(merge[0] + merge[1]);
            }
            vocabulary.add(START_OF_TEXT);
            vocabulary.add(END_OF_TEXT);
            Map<String, Integer> encoder = new HashMap<>(65_536);
            for (int id = 0; id < vocabulary.size(); id++) {
                encoder.put(vocabulary.get(id), id);
            }
            return new ClipTokenizer(encoder, merges);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED_VOCABULARY, e);
        }
    }

    /**
     * Lines 1 to 48,894, as both CLIP and Hugging Face read them: line 0 is a version header, skipped whatever it
     * holds (in CLIP's gzip file it is prefixed with the file name).
     */
    private static List<String[]> readMerges(BufferedReader reader) throws IOException {
        if (reader.readLine() == null) {
            throw new IllegalArgumentException("merges file is empty");
        }
        List<String[]> merges = new ArrayList<>(MERGE_COUNT);
        for (String line = reader.readLine(); line != null && merges.size() < MERGE_COUNT; line = reader.readLine()) {
            if (line.isBlank() && merges.size() > 0) {
                break;
            }
            String[] pair = line.trim().split(" ");
            if (pair.length != 2) {
                throw new IllegalArgumentException("merge " + (merges.size() + 1) + " is not two symbols: '"
                        + line + "'");
            }
            merges.add(pair);
        }
        return merges;
    }

    private static int requireToken(Map<String, Integer> encoder, String token) {
        Integer id = encoder.get(token);
        if (id == null) {
            throw new IllegalArgumentException("vocabulary lacks the token '" + token + "'");
        }
        return id;
    }

    /** The text tokens of {@code text}, without start and end tokens: {@code SimpleTokenizer.encode}. */
    public int[] encode(String text) {
        return encodeCleaned(ClipTextCleaner.clean(text), Integer.MAX_VALUE).ids;
    }

    /**
     * The 77 ids SD 1.x's text encoder takes: start token, the first 75 text tokens, end token, end tokens as
     * padding; with the full token count and what truncation dropped.
     */
    public PromptTokens tokenize(String prompt) {
        String cleaned = ClipTextCleaner.clean(prompt);
        Encoding encoding = encodeCleaned(cleaned, MAX_TEXT_TOKENS);
        int[] inputIds = new int[CONTEXT_LENGTH];
        Arrays.fill(inputIds, endId);
        inputIds[0] = startId;
        int kept = Math.min(encoding.ids.length, MAX_TEXT_TOKENS);
        System.arraycopy(encoding.ids, 0, inputIds, 1, kept);
        return new PromptTokens(inputIds, encoding.ids.length, cleaned, encoding.droppedFrom);
    }

    /** Text for ids, words separated by spaces as CLIP's {@code decode}; invalid UTF-8 becomes U+FFFD. */
    public String decode(int[] ids) {
        StringBuilder symbols = new StringBuilder();
        for (int id : ids) {
            if (id < 0 || id >= decoder.length || decoder[id] == null) {
                throw new IllegalArgumentException("token id " + id + " is not in the vocabulary");
            }
            symbols.append(decoder[id]);
        }
        return ByteLevelAlphabet.decode(symbols).replace(BytePairEncoder.END_OF_WORD, " ");
    }

    /**
     * The id of one vocabulary entry, a BPE symbol as the vocabulary spells it ({@code ",</w>"} is a comma ending a
     * word), when the vocabulary has it: prompt chunking looks up the comma it may break a chunk after.
     */
    public OptionalInt tokenId(String token) {
        Integer id = encoder.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    public int startId() {
        return startId;
    }

    public int endId() {
        return endId;
    }

    public int vocabularySize() {
        return encoder.size();
    }

    private record Encoding(int[] ids, int droppedFrom) {
    }

    private Encoding encodeCleaned(String cleaned, int keep) {
        List<Integer> ids = new ArrayList<>();
        int droppedFrom = -1;
        Matcher matcher = PRE_TOKEN.matcher(cleaned);
        while (matcher.find()) {
            for (String piece : bpe.encode(ByteLevelAlphabet.encode(matcher.group()))) {
                ids.add(encoder.get(piece));
            }
            if (droppedFrom < 0 && ids.size() > keep) {
                droppedFrom = matcher.start();
            }
        }
        return new Encoding(ids.stream().mapToInt(Integer::intValue).toArray(), droppedFrom);
    }

    int cachedWords() {
        return bpe.cachedWords();
    }
}
