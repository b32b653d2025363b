package com.pawprint.imaging;

/** Encoded image bytes with what a caller needs to store and serve them. */
public record EncodedImage(byte[] bytes, ImageFormat format, int width, int height) {

    public String mediaType() {
        return format.mediaType();
    }
}
