package com.pawprint.imaging;

/**
 * How the normalized copy and the thumbnail are made.
 *
 * @param maxLongSide long side of the normalized copy. 1024 by default: twice the 512 px that SD 1.5 LoRAs train
 *                    at, which leaves room for aspect-ratio buckets (e.g. 512x768), random crops and a 768 px
 *                    run, while a photo stays around 150-300 KB
 * @param thumbnailLongSide long side of the thumbnail shown in lists (256 by default)
 * @param jpegQuality JPEG quality of both (0.92 by default: no visible loss, a third of q100's size)
 * @param filter downscaling filter (Lanczos-3 by default, as libvips' thumbnail)
 * @param shrinkOnLoad decode large images keeping every n-th pixel when that still leaves at least
 *                     {@code 1.5 x maxLongSide} pixels for the filter to work from (a 12 MP photo decodes at
 *                     2000x1500 for a 1024 px copy): about half the decode time, at the price of some aliasing
 *                     of the finest detail, which the 1024 px copy cannot show anyway
 */
public record NormalizeOptions(int maxLongSide, int thumbnailLongSide, float jpegQuality, ResampleFilter filter,
                               boolean shrinkOnLoad) {

    public NormalizeOptions {
        if (maxLongSide < 1 || thumbnailLongSide < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + maxLongSide + ", " + thumbnailLongSide);
        }
        if (jpegQuality <= 0f || jpegQuality > 1f) {
            throw new IllegalArgumentException("jpegQuality must be in (0, 1]: " + jpegQuality);
        }
    }

    public static NormalizeOptions defaults() {
        return new NormalizeOptions(1024, 256, 0.92f, ResampleFilter.LANCZOS3, true);
    }
}
