package com.pawprint.merch.rest;

import java.util.List;

/** One product variant and placement of a job's merch. {@code cutLine} only for die-cut products. */
public record ProductFilesResponse(String product, String variant, String placement, FileResponse printFile,
                                   FileResponse cutLine, FileResponse mockup, FileResponse thumbnail,
                                   List<String> warnings) {
}
