package com.pawprint.training.dataset;

/** The pixel size images of one aspect-ratio bucket are cropped to. */
public record BucketResolution(int width, int height) {

    public double aspectRatio() {
        return (double) width / height;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
