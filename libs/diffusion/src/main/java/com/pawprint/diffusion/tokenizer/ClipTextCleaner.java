package com.pawprint.diffusion.tokenizer;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * CLIP's text clean-up: {@code whitespace_clean(basic_clean(text)).lower()} from openai/CLIP's simple_tokenizer.py.
 *
 * <p>The reference first runs {@code ftfy.fix_text}, which has no Java port; this class treats it as the identity
 * (as the golden-id harness does). For text that is already clean Unicode the result is the same. ftfy would
 * additionally: repair mojibake ("cafÃ©" to "café"); apply NFC normalisation (a decomposed "e" + U+0301 becomes
 * "é", which changes the ids); expand Latin ligatures ("ﬁ" to "fi"); fold full-width characters to ASCII
 * ("ＡＢＣ" to "ABC"); replace curly quotes with straight ones; unescape HTML entities (done here anyway); turn
 * "\r\n" into "\n" and remove control characters and terminal escapes (here they survive as punctuation tokens
 * unless they are whitespace).
 *
 * <p>Python semantics kept exactly: {@code \s} of the {@code regex} module (Unicode White_Space, not the
 * separators U+001C-U+001F) for collapsing, {@code str.strip()} (which does strip U+001C-U+001F) for trimming,
 * and Unicode lower-casing with the final-sigma rule. Character properties come from the JVM's Unicode tables
 * (Java 17: Unicode 13), Python's from its own (3.11: Unicode 14): letters assigned since differ.
 */
public final class ClipTextCleaner {

    /** Every code point the {@code regex} module's {@code \s} matches in a str pattern. */
    static final String PYTHON_REGEX_WHITESPACE =
            "\\t\\n\\x0B\\f\\r \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";

    private static final Pattern WHITESPACE_RUN = Pattern.compile("[" + PYTHON_REGEX_WHITESPACE + "]+");

    private ClipTextCleaner() {
    }

    /** The exact string CLIP's pre-tokenizer sees for {@code text}. */
    public static String clean(String text) {
        String unescaped = pythonStrip(HtmlUnescaper.unescape(HtmlUnescaper.unescape(text)));
        String collapsed = pythonStrip(WHITESPACE_RUN.matcher(unescaped).replaceAll(" "));
        return collapsed.toLowerCase(Locale.ROOT);
    }

    private static String pythonStrip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isPythonSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Python's {@code str.isspace()}; every such character is in the BMP. */
    private static boolean isPythonSpace(char c) {
        return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }
}
