package com.pawprint.imaging;

/**
 * What a file's header says, read without decoding any pixel.
 *
 * @param width stored width in pixels, before the orientation is applied
 * @param height stored height in pixels, before the orientation is applied
 */
public record ImageHeader(ImageFormat format, int width, int height, Orientation orientation) {

    public long pixelCount() {
        return (long) width * height;
    }

    /** Width as the image is shown, after the orientation is applied. */
    public int uprightWidth() {
        return orientation.swapsAxes() ? height : width;
    }

    /** Height as the image is shown, after the orientation is applied. */
    public int uprightHeight() {
        return orientation.swapsAxes() ? width : height;
    }

    public int shortSide() {
        return Math.min(width, height);
    }
}
