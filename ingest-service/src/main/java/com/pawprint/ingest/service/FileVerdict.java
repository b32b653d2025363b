package com.pawprint.ingest.service;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.UUID;

/**
 * What became of one uploaded file: accepted with the id of the new photo, or rejected with a stable reason code
 * ({@code not_an_image}, {@code truncated}, {@code too_small}, {@code too_blurry}, {@code near_duplicate},
 * {@code invalid_file_name}, ...) and a message a person can act on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileVerdict(int index, String fileName, boolean accepted, UUID photoId, String reason,
                          String message) {

    public static final String INVALID_FILE_NAME = "invalid_file_name";

    public static FileVerdict accepted(int index, String fileName, UUID photoId) {
        return new FileVerdict(index, fileName, true, photoId, null, null);
    }

    public static FileVerdict rejected(int index, String fileName, String reason, String message) {
        return new FileVerdict(index, fileName, false, null, reason, message);
    }
}
