package com.pawprint.labeling.service;

/**
 * Something a reviewer should fix in a caption.
 *
 * @param code          {@code too-long}, {@code empty} or {@code missing-trigger}
 * @param message       what is wrong, for people
 * @param keptText      for {@code too-long}: the text CLIP reads; otherwise null
 * @param droppedText   for {@code too-long}: the text CLIP never sees; otherwise null
 * @param suggestedFix  a caption that fixes it, when one can be offered
 */
public record CaptionWarning(String code, String message, String keptText, String droppedText, String suggestedFix) {
}
