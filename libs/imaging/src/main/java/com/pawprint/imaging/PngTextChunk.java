package com.pawprint.imaging;

/**
 * One text chunk of a PNG, decoded.
 *
 * @param chunkType {@code tEXt} (Latin-1), {@code zTXt} (Latin-1, deflated) or {@code iTXt} (UTF-8)
 * @param keyword   what the text is, such as {@code parameters} or {@code Comment}
 * @param text      the text, inflated and decoded
 */
public record PngTextChunk(String chunkType, String keyword, String text) {
}
