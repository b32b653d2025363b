package com.pawprint.labeling.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One edit applied to every caption of a dataset. Prepending puts the tag right after the leading
 * {@code <trigger> <class>} tag, which stays first so kohya's keep_tokens still holds it in place.
 *
 * @param operation what to do
 * @param find      text to find ({@code REPLACE})
 * @param replace   its replacement ({@code REPLACE}; empty removes it)
 * @param tag       the tag to add or remove ({@code PREPEND}, {@code APPEND}, {@code REMOVE_TAG})
 */
public record BulkEdit(Operation operation, String find, String replace, String tag) {

    public enum Operation {
        REPLACE, PREPEND, APPEND, REMOVE_TAG;

        public static Operation parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("operation must be one of replace, prepend, append, remove-tag;"
                        + " got " + text);
            }
        }
    }

    /** @throws IllegalArgumentException when a field the operation needs is missing */
    public BulkEdit {
        if (operation == null) {
            throw new IllegalArgumentException("operation is required (replace, prepend, append, remove-tag)");
        }
        if (operation == Operation.REPLACE && (find == null || find.isEmpty())) {
            throw new IllegalArgumentException("replace needs the text to find");
        }
        if (operation != Operation.REPLACE && (tag == null || tag.isBlank() || tag.contains(","))) {
            throw new IllegalArgumentException(operation.name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " needs one tag without commas");
        }
    }

    public String apply(String caption) {
        List<String> tags = new ArrayList<>(Tags.split(caption));
        String cleanTag = tag == null ? null : tag.strip();
        return switch (operation) {
            case REPLACE -> Tags.join(Tags.split(caption.replace(find, replace == null ? "" : replace)));
            case PREPEND -> {
                tags.remove(cleanTag);
                tags.add(Math.min(1, tags.size()), cleanTag);
                yield Tags.join(tags);
            }
            case APPEND -> {
                tags.remove(cleanTag);
                tags.add(cleanTag);
                yield Tags.join(tags);
            }
            case REMOVE_TAG -> {
                tags.removeIf(existing -> existing.equals(cleanTag));
                yield Tags.join(tags);
            }
        };
    }
}
