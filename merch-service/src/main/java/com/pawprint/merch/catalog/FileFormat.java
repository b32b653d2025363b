package com.pawprint.merch.catalog;

/** The print file's format, as the printer of the product accepts it. */
public enum FileFormat {
    PNG("png", "image/png"),
    JPEG("jpg", "image/jpeg"),
    PDF("pdf", "application/pdf");

    private final String extension;
    private final String mediaType;

    FileFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }
}
