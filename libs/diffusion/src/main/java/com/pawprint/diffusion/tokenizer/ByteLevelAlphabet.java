package com.pawprint.diffusion.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * GPT-2/CLIP's {@code bytes_to_unicode}: a reversible map from each UTF-8 byte to one printable character, so BPE
 * works on strings without whitespace or control characters. Printable Latin-1 bytes map to themselves; the other
 * 68 bytes map, in byte order, to U+0100 onwards.
 */
final class ByteLevelAlphabet {

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];
    private static final String VOCABULARY_ORDER;

    static {
        Arrays.fill(CHAR_TO_BYTE, -1);
        StringBuilder printableFirst = new StringBuilder(256);
        StringBuilder remapped = new StringBuilder(68);
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = (char) (printable ? b : next++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
            (printable ? printableFirst : remapped).append(c);
        }
        VOCABULARY_ORDER = printableFirst.append(remapped).toString();
    }

    private ByteLevelAlphabet() {
    }

    /**
     * The 256 symbols in the order CLIP's vocabulary lists them (its ids 0-255): the printable bytes, then the
     * remapped ones, which is the insertion order of Python's {@code bytes_to_unicode()} dict.
     */
    static String symbolsInVocabularyOrder() {
        return VOCABULARY_ORDER;
    }

    /** The UTF-8 bytes of {@code text}, one symbol per byte. Unpaired surrogates become '?'. */
    static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        char[] symbols = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            symbols[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(symbols);
    }

    /** Inverse of {@link #encode}; invalid UTF-8 becomes U+FFFD. */
    static String decode(CharSequence symbols) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(symbols.length());
        for (int i = 0; i < symbols.length(); i++) {
            char c = symbols.charAt(i);
            if (c >= CHAR_TO_BYTE.length || CHAR_TO_BYTE[c] < 0) {
                throw new IllegalArgumentException("not a byte-level symbol: U+" + Integer.toHexString(c));
            }
            bytes.write(CHAR_TO_BYTE[c]);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
