package com.pawprint.ingest.rest;

import com.pawprint.ingest.service.FileVerdict;

import java.util.List;

/**
 * The RFC 7807 answer (422) to an upload in which no file was accepted, with the {@code files} extension member
 * holding each file's verdict, so the client learns what was wrong with every file.
 */
public record UploadProblem(String type, String title, int status, String detail, String instance,
                            List<FileVerdict> files) {
}
