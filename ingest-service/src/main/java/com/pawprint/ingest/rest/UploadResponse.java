package com.pawprint.ingest.rest;

import com.pawprint.ingest.service.FileVerdict;

import java.util.List;

/** The verdict on every file of an upload, in the order the files were sent. */
public record UploadResponse(long accepted, long rejected, List<FileVerdict> files) {

    static UploadResponse of(List<FileVerdict> files) {
        long accepted = files.stream().filter(FileVerdict::accepted).count();
        return new UploadResponse(accepted, files.size() - accepted, files);
    }
}
