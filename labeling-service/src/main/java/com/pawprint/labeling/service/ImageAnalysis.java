package com.pawprint.labeling.service;

/**
 * What the basic captioner measured in a photo.
 *
 * @param subjectColor    colour word of the subject's dominant colour
 * @param backgroundColor colour word of the background (the photo's border)
 * @param lighting        {@code bright lighting}, {@code dim lighting}, {@code backlit}, {@code high contrast} or
 *                        {@code soft lighting}
 * @param framing         {@code close-up} or {@code full body}
 * @param busyBackground  whether the border is varied (a room, grass) rather than plain
 * @param subjectHeight   the subject's height as a share of the photo's, 0-1
 */
public record ImageAnalysis(String subjectColor, String backgroundColor, String lighting, String framing,
                            boolean busyBackground, double subjectHeight) {
}
