package com.pawprint.diffusion.tokenizer;

/**
 * A prompt tokenized for the SD 1.x text encoder.
 *
 * @param inputIds    always {@link ClipTokenizer#CONTEXT_LENGTH} ids: start token, at most
 *                    {@link ClipTokenizer#MAX_TEXT_TOKENS} text tokens, end token, then end tokens as padding
 * @param tokenCount  text tokens the whole prompt needs (start and end not counted); more than
 *                    {@link ClipTokenizer#MAX_TEXT_TOKENS} means the prompt was truncated
 * @param cleanedText the text that was tokenized, after CLIP's clean-up and lower-casing
 * @param droppedFrom index into {@code cleanedText} of the first word that lost tokens to truncation (a word cut in
 *                    the middle counts as dropped), or -1 when nothing was dropped
 */
public record PromptTokens(int[] inputIds, int tokenCount, String cleanedText, int droppedFrom) {

    public boolean truncated() {
        return droppedFrom >= 0;
    }

    /** The text the encoder did not see (entirely or partly), "" when the prompt fits. */
    public String droppedText() {
        return truncated() ? cleanedText.substring(droppedFrom) : "";
    }

    /** Text tokens that reached the encoder. */
    public int keptTokenCount() {
        return Math.min(tokenCount, ClipTokenizer.MAX_TEXT_TOKENS);
    }

    /** Copy of the ids as {@code long}s, the index type embedding lookups take. */
    public long[] inputIdsAsLongs() {
        long[] ids = new long[inputIds.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = inputIds[i];
        }
        return ids;
    }
}
