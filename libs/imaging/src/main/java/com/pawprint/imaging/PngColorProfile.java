package com.pawprint.imaging;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.DataFormatException;

/**
 * The ICC profile of a PNG's iCCP chunk, which the JDK's PNG reader ignores: without it, a Display P3 or Adobe RGB
 * PNG would be taken for sRGB and come out dull.
 */
final class PngColorProfile {

    /** Real profiles are a few KB to a few hundred; anything larger is not worth inflating (or is a zip bomb). */
    private static final int MAX_PROFILE_BYTES = 1 << 20;

    private PngColorProfile() {
    }

    /**
     * The embedded RGB profile, if the PNG has one. An embedded sRGB profile is returned too: converting through
     * it is close to the identity and cheaper than telling it apart.
     */
    static Optional<ICC_Profile> rgbProfile(byte[] png) {
        int pos = 8;
        while (pos + 8 <= png.length) {
            long length = (long) (png[pos] & 0xFF) << 24 | (png[pos + 1] & 0xFF) << 16 | (png[pos + 2] & 0xFF) << 8
                    | (png[pos + 3] & 0xFF);
            String type = new String(png, pos + 4, 4, StandardCharsets.US_ASCII);
            if (type.equals("IDAT") || pos + 12 + length > png.length) {
                return Optional.empty();
            }
            if (type.equals("iCCP")) {
                return parse(png, pos + 8, (int) length);
            }
            pos += 12 + (int) length;
        }
        return Optional.empty();
    }

    private static Optional<ICC_Profile> parse(byte[] png, int start, int length) {
        int nameEnd = start;
        while (nameEnd < start + length && png[nameEnd] != 0) {
            nameEnd++;
        }
        int compressed = nameEnd + 2;
        if (compressed >= start + length) {
            return Optional.empty();
        }
        try {
            ICC_Profile profile = ICC_Profile.getInstance(
                    PngChunks.inflate(png, compressed, start + length - compressed, MAX_PROFILE_BYTES));
            return profile.getColorSpaceType() == ColorSpace.TYPE_RGB ? Optional.of(profile) : Optional.empty();
        } catch (IllegalArgumentException | DataFormatException e) {
            // A broken profile costs the colour accuracy, not the photo.
            return Optional.empty();
        }
    }
}
