package com.pawprint.ingest.service;

import java.nio.file.Path;

/** One file of a multipart upload, already spooled to disk by the HTTP layer. */
public record UploadedFile(String fileName, Path path, long size) {
}
