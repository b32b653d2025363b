package com.pawprint.ingest.service;

import com.pawprint.contracts.Species;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Trigger tokens are the rare word a LoRA learns the pet under. They go into captions and prompts verbatim, so they
 * are one lower-case word: a letter, then letters, digits or underscores.
 */
public final class TriggerTokens {

    public static final int MAX_LENGTH = 40;
    public static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9_]{2," + (MAX_LENGTH - 1) + "}");
    public static final String FORMAT_DESCRIPTION =
            "3 to " + MAX_LENGTH + " characters: a lower-case letter, then lower-case letters, digits or '_'";

    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9]+");

    private TriggerTokens() {
    }

    public static boolean isValid(String token) {
        return token != null && FORMAT.matcher(token).matches();
    }

    /** The default token of a pet: its name as a word plus the class word, e.g. "Mochi" the cat is {@code mochi_cat}. */
    public static String derive(String petName, Species species) {
        String ascii = Normalizer.normalize(petName, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String word = NOT_WORD.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("_").replaceAll("^_+|_+$", "");
        String suffix = "_" + species.classWord();
        if (word.isEmpty() || !Character.isLetter(word.charAt(0))) {
            word = "pet" + (word.isEmpty() ? "" : "_" + word);
        }
        int room = MAX_LENGTH - suffix.length();
        if (word.length() > room) {
            word = word.substring(0, room).replaceAll("_+$", "");
        }
        return word + suffix;
    }
}
