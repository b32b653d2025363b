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
 * and {@code str.lower()}, whose final-sigma rule looks at cased and case-ignorable neighbours where Java's
 * {@code toLowerCase} looks at word boundaries. Character properties come from the JVM's Unicode tables (Java 17:
 * Unicode 13), Python's from its own (3.11: Unicode 14): characters assigned or changed since differ.
 */
public final class ClipTextCleaner {

    /** Every code point the {@code regex} module's {@code \s} matches in a str pattern. */
    static final String PYTHON_REGEX_WHITESPACE =
            "\\t\\n\\x0B\\f\\r \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";

    private static final char CAPITAL_SIGMA = '\u03A3';
    private static final String WORD_BREAK_MID = "'.:\u00B7\u0387\u055F\u05F4\u2018\u2019\u2024\u2027\uFE13\uFE52"
            + "\uFE55\uFF07\uFF0E\uFF1A";

    private static final Pattern WHITESPACE_RUN = Pattern.compile("[" + PYTHON_REGEX_WHITESPACE + "]+");

    private ClipTextCleaner() {
    }

    /** The exact string CLIP's pre-tokenizer sees for {@code text}. */
    public static String clean(String text) {
        String unescaped = pythonStrip(HtmlUnescaper.unescape(HtmlUnescaper.unescape(text)));
        String collapsed = pythonStrip(WHITESPACE_RUN.matcher(unescaped).replaceAll(" "));
        return pythonLower(collapsed);
    }

    /** Python's {@code str.lower()}: Java's root-locale mapping, except for where capital sigma becomes final. */
    static String pythonLower(String text) {
        int sigma = text.indexOf(CAPITAL_SIGMA);
        if (sigma < 0) {
            return text.toLowerCase(Locale.ROOT);
        }
        StringBuilder lower = new StringBuilder(text.length());
        int start = 0;
        for (; sigma >= 0; sigma = text.indexOf(CAPITAL_SIGMA, sigma + 1)) {
            lower.append(text.substring(start, sigma).toLowerCase(Locale.ROOT));
            lower.append(isFinalSigma(text, sigma) ? '\u03C2' : '\u03C3');
            start = sigma + 1;
        }
        return lower.append(text.substring(start).toLowerCase(Locale.ROOT)).toString();
    }

    /** CPython's rule: a cased letter before (skipping case-ignorables) and none after. */
    private static boolean isFinalSigma(String text, int index) {
        int before = index;
        int c = 0;
        while (before > 0) {
            c = text.codePointBefore(before);
            before -= Character.charCount(c);
            if (!isCaseIgnorable(c)) {
                break;
            }
        }
        if (before == index || isCaseIgnorable(c) || !isCased(c)) {
            return false;
        }
        for (int after = index + 1; after < text.length(); after += Character.charCount(c)) {
            c = text.codePointAt(after);
            if (!isCaseIgnorable(c)) {
                return !isCased(c);
            }
        }
        return true;
    }

    /** Unicode's Cased property; Java's isLowerCase/isUpperCase include Other_Lowercase/Other_Uppercase. */
    private static boolean isCased(int c) {
        return Character.isLowerCase(c) || Character.isUpperCase(c) || Character.isTitleCase(c);
    }

    /** Unicode's Case_Ignorable: Mn, Me, Cf, Lm, Sk and Word_Break MidLetter, MidNumLet, Single_Quote. */
    private static boolean isCaseIgnorable(int c) {
        return switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT, Character.MODIFIER_LETTER,
                    Character.MODIFIER_SYMBOL -> true;
            default -> WORD_BREAK_MID.indexOf(c) >= 0;
        };
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
