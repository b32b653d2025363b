package com.pawprint.imaging;

/** The formats PawPrint accepts. Anything else is refused before decoding. */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg", "jpeg"),
    PNG("image/png", "png", "png"),
    WEBP("image/webp", "webp", "webp");

    private final String mediaType;
    private final String fileExtension;
    private final String imageIoName;

    ImageFormat(String mediaType, String fileExtension, String imageIoName) {
        this.mediaType = mediaType;
        this.fileExtension = fileExtension;
        this.imageIoName = imageIoName;
    }

    public String mediaType() {
        return mediaType;
    }

    public String fileExtension() {
        return fileExtension;
    }

    String imageIoName() {
        return imageIoName;
    }
}
