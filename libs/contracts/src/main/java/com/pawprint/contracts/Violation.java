package com.pawprint.contracts;

import java.util.Objects;

/**
 * One rule a training config breaks. {@code field} is the option's snake_case name (or {@link #DOCUMENT} when the
 * text as a whole is wrong); {@code message} is a full sentence that names the field, for people.
 */
public record Violation(String field, String message) {

    /** The field name used for problems of the whole document, such as malformed YAML. */
    public static final String DOCUMENT = "config";

    public Violation {
        Objects.requireNonNull(field, "field is required");
        Objects.requireNonNull(message, "message is required");
    }

    @Override
    public String toString() {
        return message;
    }
}
