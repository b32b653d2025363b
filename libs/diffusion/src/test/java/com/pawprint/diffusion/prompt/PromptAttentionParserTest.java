package com.pawprint.diffusion.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The doctest examples of A1111's {@code parse_prompt_attention}, with the exact weights Python prints, and A1111's
 * {@code BREAK} and unbalanced-bracket behaviour.
 */
class PromptAttentionParserTest {

    private static WeightedText piece(String text, double weight) {
        return new WeightedText(text, weight);
    }

    private static List<WeightedText> parse(String prompt) {
        return PromptAttentionParser.parse(prompt);
    }

    @Test
    void plainTextIsOnePieceOfWeightOne() {
        assertEquals(List.of(piece("normal text", 1.0)), parse("normal text"));
        assertEquals(List.of(piece("a: cat, sitting", 1.0)), parse("a: cat, sitting"), "a lone colon is text");
    }

    @Test
    void roundBracketsMultiplyByOnePointOne() {
        assertEquals(List.of(piece("an ", 1.0), piece("important", 1.1), piece(" word", 1.0)),
                parse("an (important) word"));
    }

    @Test
    void anUnclosedBracketAppliesToTheRest() {
        assertEquals(List.of(piece("unbalanced", 1.1)), parse("(unbalanced"));
        assertEquals(List.of(piece("a ", 1.0), piece("b", 1 / 1.1)), parse("a [b"));
    }

    @Test
    void escapedBracketsAreLiteral() {
        assertEquals(List.of(piece("(literal]", 1.0)), parse("\\(literal\\]"));
        assertEquals(List.of(piece("a\\b[c)", 1.0)), parse("a\\\\b\\[c\\)"));
    }

    @Test
    void neighboursOfEqualWeightAreJoined() {
        assertEquals(List.of(piece("unnecessaryparens", 1.1)), parse("(unnecessary)(parens)"));
    }

    @Test
    void nestingExplicitWeightsAndSquareBracketsMultiply() {
        assertEquals(List.of(
                piece("a ", 1.0),
                piece("house", 1.5730000000000004),
                piece(" ", 1.1),
                piece("on", 1.0),
                piece(" a ", 1.1),
                piece("hill", 0.55),
                piece(", sun, ", 1.1),
                piece("sky", 1.4641000000000006),
                piece(".", 1.1)), parse("a (((house:1.3)) [on] a (hill:0.5), sun, (((sky)))."));
    }

    @Test
    void explicitWeightsSetTheMultiplier() {
        assertEquals(List.of(piece("a ", 1.0), piece("cat", 1.5)), parse("a (cat:1.5)"));
        assertEquals(List.of(piece("a ", 1.0), piece("cat", 0.25), piece(" dog", 1.0)), parse("a (cat:.25) dog"));
        assertEquals(List.of(piece("cat", -1.0)), parse("(cat:-1)"), "negative weights are allowed");
        assertEquals(List.of(piece("cat", 1.5 * 1.1)), parse("((cat:1.5))"));
    }

    @Test
    void closingBracketsWithoutAnOpeningOneAreText() {
        assertEquals(List.of(piece("a) b] c:1.2)", 1.0)), parse("a) b] c:1.2)"));
        assertEquals(List.of(piece("a]", 1.1)), parse("(a])"));
    }

    @Test
    void aWeightThatIsNoNumberIsAnError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> parse("(cat:1.2.3)"));
        assertTrue(error.getMessage().contains(":1.2.3)"), error.getMessage());
        assertEquals(List.of(piece("cat:1.2.3)", 1.0)), parse("cat:1.2.3)"), "with no '(' open it is text");
    }

    @Test
    void breakAsAnUpperCaseWordEndsAChunkAndTakesItsWhitespace() {
        assertEquals(List.of(piece("a cat", 1.0), WeightedText.BREAK, piece("a dog", 1.0)),
                parse("a cat BREAK a dog"));
        assertEquals(List.of(piece("a", 1.0), WeightedText.BREAK, piece("", 1.0)), parse("a BREAK"));
        assertEquals(List.of(piece("", 1.0), WeightedText.BREAK, piece("b", 1.0)), parse("BREAK\nb"));
        assertEquals(List.of(piece("a break, BREAKING, xBREAK b", 1.0)), parse("a break, BREAKING, xBREAK b"),
                "only the upper-case whole word");
        assertEquals(List.of(piece("a", 1.0), WeightedText.BREAK, piece("", 1.0), WeightedText.BREAK,
                piece("b", 1.0)), parse("a BREAK BREAK b"));
        assertTrue(parse("a BREAK b").get(1).isBreak());
    }

    @Test
    void breakInsideBracketsIsMultipliedAndNoLongerABreak() {
        List<WeightedText> pieces = parse("(a BREAK b)");
        assertEquals(List.of(piece("a", 1.1), piece("BREAK", -1.1), piece("b", 1.1)), pieces);
        assertFalse(pieces.get(1).isBreak());
    }

    @Test
    void anEmptyPromptIsOneEmptyPiece() {
        assertEquals(List.of(piece("", 1.0)), parse(""));
        assertEquals(List.of(piece("", 1.0)), parse("()"), "brackets around nothing weigh nothing");
    }
}
