package com.pawprint.diffusion.tokenizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code html.unescape} (3.11), which CLIP's text clean-up applies: HTML5 named references (with the
 * standard's longest-prefix rule for names without a semicolon), decimal and hex references, and HTML5's
 * replacements for invalid code points. The named table is Python's own, exported by
 * {@code src/test/python/generate_html_entities.py}.
 */
final class HtmlUnescaper {

    private static final Pattern CHARACTER_REFERENCE =
            Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");

    private static final BigInteger MAX_CODE_POINT = BigInteger.valueOf(Character.MAX_CODE_POINT);

    /** HTML5 maps these numeric references to other characters (mostly the windows-1252 reading of 0x80-0x9F). */
    private static final Map<Integer, String> INVALID_REFERENCE_REPLACEMENTS = invalidReferenceReplacements();

    private static final Set<Integer> DROPPED_NONCHARACTER_PLANE_ENDS = Set.of(0xFFFE, 0xFFFF);

    private static final Map<String, String> NAMED = loadNamedReferences();

    private HtmlUnescaper() {
    }

    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher matcher = CHARACTER_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(replace(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String replace(String reference) {
        if (reference.charAt(0) == '#') {
            boolean hex = reference.charAt(1) == 'x' || reference.charAt(1) == 'X';
            String digits = stripTrailingSemicolon(reference.substring(hex ? 2 : 1));
            return numericReference(new BigInteger(digits, hex ? 16 : 10));
        }
        String exact = NAMED.get(reference);
        if (exact != null) {
            return exact;
        }
        for (int length = reference.length() - 1; length > 1; length--) {
            String prefix = NAMED.get(reference.substring(0, length));
            if (prefix != null) {
                return prefix + reference.substring(length);
            }
        }
        return "&" + reference;
    }

    private static String numericReference(BigInteger value) {
        if (value.compareTo(MAX_CODE_POINT) > 0) {
            return "\uFFFD";
        }
        int codePoint = value.intValue();
        String replacement = INVALID_REFERENCE_REPLACEMENTS.get(codePoint);
        if (replacement != null) {
            return replacement;
        }
        if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
            return "\uFFFD";
        }
        return isDroppedCodePoint(codePoint) ? "" : Character.toString(codePoint);
    }

    private static boolean isDroppedCodePoint(int codePoint) {
        return (codePoint >= 0x1 && codePoint <= 0x8)
                || codePoint == 0xB
                || (codePoint >= 0xE && codePoint <= 0x1F)
                || (codePoint >= 0x7F && codePoint <= 0x9F)
                || (codePoint >= 0xFDD0 && codePoint <= 0xFDEF)
                || DROPPED_NONCHARACTER_PLANE_ENDS.contains(codePoint & 0xFFFF);
    }

    private static String stripTrailingSemicolon(String digits) {
        return digits.endsWith(";") ? digits.substring(0, digits.length() - 1) : digits;
    }

    private static Map<Integer, String> invalidReferenceReplacements() {
        Map<Integer, String> map = new HashMap<>();
        map.put(0x00, "\uFFFD");
        map.put(0x0D, "\r");
        String windows1252 = "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D"
                + "\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D"
                + "\u017E\u0178";
        for (int i = 0; i < windows1252.length(); i++) {
            map.put(0x80 + i, String.valueOf(windows1252.charAt(i)));
        }
        return Map.copyOf(map);
    }

    private static Map<String, String> loadNamedReferences() {
        Map<String, String> map = new HashMap<>(4096);
        try (InputStream in = HtmlUnescaper.class.getResourceAsStream("html5-entities.txt")) {
            if (in == null) {
                throw new IllegalStateException("html5-entities.txt is missing from the tokenizer package");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                StringBuilder value = new StringBuilder(2);
                for (String hex : line.substring(tab + 1).split(" ")) {
                    value.appendCodePoint(Integer.parseInt(hex, 16));
                }
                map.put(line.substring(0, tab), value.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read html5-entities.txt", e);
        }
        return Map.copyOf(map);
    }
}
