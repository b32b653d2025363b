package com.pawprint.training.dataset;

/** One {@code filename,prompt} row of a metadata CSV; {@code line} is where the row starts (1-based). */
public record CaptionRow(int line, String fileName, String caption) {
}
