package com.pawprint.samples;

import java.util.Locale;

/** The animals the generator draws. */
public enum Species {
    CAT,
    DOG;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
