package com.pawprint.labeling.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * An edit of every caption: {@code replace} (find → replace), {@code prepend} / {@code append} a tag, or
 * {@code remove-tag}.
 */
public record BulkEditRequest(@NotBlank String operation, @Size(max = 500) String find,
                              @Size(max = 500) String replace, @Size(max = 200) String tag) {
}
