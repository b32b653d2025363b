package com.pawprint.contracts;

import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for text that PawPrint stores, logs or forwards: no control characters other than tab, line feed and
 * carriage return. PostgreSQL refuses NUL in text outright, and the other C0/C1 controls and unpaired surrogates
 * break logs, CSV captions and terminals downstream, so every service refuses them at its edge, naming the field.
 */
public final class StorableText {

    private StorableText() {
    }

    /** Why {@code value} cannot be stored, or empty when it can (null is left to the field's own rules). */
    public static Optional<String> problem(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            if (Character.isHighSurrogate(character) && index + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(index + 1))) {
                index++;
            } else if (Character.isSurrogate(character)) {
                return Optional.of("contains an unpaired surrogate " + codePoint(character) + " at position "
                        + index);
            } else if (Character.isISOControl(character) && character != '\t' && character != '\n'
                    && character != '\r') {
                return Optional.of("contains the control character " + codePoint(character) + " at position "
                        + index + "; only tab, line feed and carriage return are allowed");
            }
        }
        return Optional.empty();
    }

    private static String codePoint(char character) {
        return String.format(Locale.ROOT, "U+%04X", (int) character);
    }
}
