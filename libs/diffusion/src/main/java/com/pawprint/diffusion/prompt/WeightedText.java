package com.pawprint.diffusion.prompt;

/**
 * A run of prompt text and the attention multiplier its tokens get, as A1111's {@code parse_prompt_attention}
 * returns them; or the marker of a {@code BREAK}.
 *
 * @param text   the text, escapes resolved ({@code \(} is {@code (}); tokenized on its own, so a word split by a
 *               bracket becomes separate tokens
 * @param weight what the encoder's output rows of this text's tokens are multiplied by; 1 is neutral
 */
public record WeightedText(String text, double weight) {

    /**
     * What the parser emits for {@code BREAK}: A1111 keeps it as a piece of text "BREAK" with weight -1 and brackets
     * around it multiply that weight like any other. Only a marker still at exactly -1 ends a chunk, so a
     * {@code BREAK} inside brackets is encoded as the word itself at the multiplied, negative weight, as in A1111.
     */
    public static final WeightedText BREAK = new WeightedText("BREAK", -1);

    public WeightedText {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
    }

    /** Whether this piece ends the current chunk instead of contributing tokens. */
    public boolean isBreak() {
        return weight == BREAK.weight && text.equals(BREAK.text);
    }
}
