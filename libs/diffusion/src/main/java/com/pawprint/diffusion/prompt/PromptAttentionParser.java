package com.pawprint.diffusion.prompt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A1111's attention syntax ({@code modules/prompt_parser.py}, {@code parse_prompt_attention}), piece for piece and
 * weight for weight:
 * <ul>
 *   <li>{@code (text)} multiplies by {@value #ROUND_BRACKET_MULTIPLIER}, {@code [text]} divides by it, nesting
 *       multiplies; {@code (text:1.5)} multiplies by 1.5;</li>
 *   <li>{@code \(}, {@code \)}, {@code \[}, {@code \]} and {@code \\} are the literal characters; a backslash before
 *       anything else is dropped;</li>
 *   <li>a closing bracket with no opening one is text; an opening bracket never closed applies to the rest of the
 *       prompt (round ones first, then square ones);</li>
 *   <li>{@code BREAK} in upper case, as a word, becomes {@link WeightedText#BREAK}, swallowing the whitespace
 *       around it;</li>
 *   <li>neighbouring pieces of identical weight are joined, so plain text stays one piece.</li>
 * </ul>
 * Prompt editing ({@code [a:b:0.5]}), alternation ({@code [a|b]}) and {@code AND} are not part of this syntax in
 * A1111 either (they are resolved before it runs); here their characters are read as the rules above say.
 */
public final class PromptAttentionParser {

    /** What {@code (text)} multiplies the attention by, and {@code [text]} divides it by. */
    public static final double ROUND_BRACKET_MULTIPLIER = 1.1;

    /** A1111 multiplies by this rather than dividing, and the weights must round the same way. */
    private static final double SQUARE_BRACKET_MULTIPLIER = 1 / ROUND_BRACKET_MULTIPLIER;

    /**
     * The tokens of the syntax, in A1111's order (the first alternative that matches wins): escapes, a lone
     * backslash, openings, {@code :weight)}, closings, text, a lone colon. {@code \p{Nd}} because Python's
     * {@code \d} matches every decimal digit, and {@code float()} reads them.
     */
    private static final Pattern SYNTAX = Pattern.compile(
            "\\\\\\(|\\\\\\)|\\\\\\[|\\\\]|\\\\\\\\|\\\\|\\(|\\[|:([+-]?[.\\p{Nd}]+)\\)|\\)|]|[^\\\\()\\[\\]:]+|:");

    /** Python's {@code \s} in a str pattern: the characters {@code str.isspace()} accepts. */
    private static final String PYTHON_WHITESPACE =
            "\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";

    /** Python's {@code \w}: letters, numbers and the underscore; {@code \b} is a change between it and the rest. */
    private static final String PYTHON_WORD = "\\p{L}\\p{N}_";

    /** {@code \s*\bBREAK\b\s*}: the keyword takes its surrounding whitespace with it. */
    private static final Pattern BREAK_KEYWORD = Pattern.compile("[" + PYTHON_WHITESPACE + "]*(?<![" + PYTHON_WORD
            + "])BREAK(?![" + PYTHON_WORD + "])[" + PYTHON_WHITESPACE + "]*");

    private PromptAttentionParser() {
    }

    /**
     * The pieces of {@code prompt} with their weights; never empty ({@code ""} gives one empty piece of weight 1).
     *
     * @throws IllegalArgumentException for {@code (text:w)} whose {@code w} is no number (such as {@code 1.2.3}),
     *                                  where A1111 fails the generation too
     */
    public static List<WeightedText> parse(String prompt) {
        List<Piece> pieces = new ArrayList<>();
        Deque<Integer> openRound = new ArrayDeque<>();
        Deque<Integer> openSquare = new ArrayDeque<>();
        Matcher matcher = SYNTAX.matcher(prompt);
        while (matcher.find()) {
            String token = matcher.group();
            String weight = matcher.group(1);
            if (token.startsWith("\\")) {
                pieces.add(new Piece(token.substring(1), 1.0));
            } else if (token.equals("(")) {
                openRound.push(pieces.size());
            } else if (token.equals("[")) {
                openSquare.push(pieces.size());
            } else if (weight != null && !openRound.isEmpty()) {
                multiplyFrom(pieces, openRound.pop(), number(weight, token));
            } else if (token.equals(")") && !openRound.isEmpty()) {
                multiplyFrom(pieces, openRound.pop(), ROUND_BRACKET_MULTIPLIER);
            } else if (token.equals("]") && !openSquare.isEmpty()) {
                multiplyFrom(pieces, openSquare.pop(), SQUARE_BRACKET_MULTIPLIER);
            } else {
                addText(pieces, token);
            }
        }
        // Unclosed brackets, outermost first as A1111 walks its lists: the order decides how the products round.
        openRound.descendingIterator().forEachRemaining(start -> multiplyFrom(pieces, start,
                ROUND_BRACKET_MULTIPLIER));
        openSquare.descendingIterator().forEachRemaining(start -> multiplyFrom(pieces, start,
                SQUARE_BRACKET_MULTIPLIER));
        if (pieces.isEmpty()) {
            pieces.add(new Piece("", 1.0));
        }
        return joinEqualWeights(pieces);
    }

    /** A mutable piece while brackets still multiply it. */
    private static final class Piece {
        private final StringBuilder text;
        private double weight;

        private Piece(String text, double weight) {
            this.text = new StringBuilder(text);
            this.weight = weight;
        }
    }

    private static void addText(List<Piece> pieces, String text) {
        String[] parts = BREAK_KEYWORD.split(text, -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                pieces.add(new Piece(WeightedText.BREAK.text(), WeightedText.BREAK.weight()));
            }
            pieces.add(new Piece(parts[i], 1.0));
        }
    }

    private static void multiplyFrom(List<Piece> pieces, int start, double multiplier) {
        for (int i = start; i < pieces.size(); i++) {
            pieces.get(i).weight *= multiplier;
        }
    }

    private static double number(String weight, String token) {
        try {
            StringBuilder ascii = new StringBuilder(weight.length());
            weight.codePoints().forEach(c -> ascii.append(Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER
                    ? (char) ('0' + Character.digit(c, 10)) : (char) c));
            return Double.parseDouble(ascii.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the attention weight in '" + token + "' is not a number", e);
        }
    }

    private static List<WeightedText> joinEqualWeights(List<Piece> pieces) {
        List<Piece> joined = new ArrayList<>();
        for (Piece piece : pieces) {
            Piece last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
            // Exact equality, as A1111 compares its floats: 1.1 / 1.1 * 1.1 may or may not come back to 1.
            if (last != null && last.weight == piece.weight) {
                last.text.append(piece.text);
            } else {
                joined.add(piece);
            }
        }
        return joined.stream().map(piece -> new WeightedText(piece.text.toString(), piece.weight)).toList();
    }
}
