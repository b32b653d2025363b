package com.pawprint.imaging;

/**
 * The rules an uploaded photo must pass.
 *
 * @param minShortSide smallest accepted short side in pixels (512: the training resolution)
 * @param minSharpness smallest accepted variance of the Laplacian, see {@link QualityMetrics#sharpness()}
 * @param maxDuplicateDistance a photo whose perceptual hash is at most this many bits from an existing one is a
 *                             near-duplicate
 * @param limits file size and pixel count limits, checked before decoding
 * @param normalize how the normalized copy and thumbnail are made
 * @param originalJpegQuality quality of the re-encoded original of a rotated photo (its EXIF orientation must go)
 */
public record QualityGateConfig(int minShortSide, double minSharpness, int maxDuplicateDistance,
                                DecodeLimits limits, NormalizeOptions normalize, float originalJpegQuality) {

    public static final int DEFAULT_MIN_SHORT_SIDE = 512;
    public static final double DEFAULT_MIN_SHARPNESS = 40.0;
    public static final int DEFAULT_MAX_DUPLICATE_DISTANCE = 6;

    public QualityGateConfig {
        if (minShortSide < 1 || minSharpness < 0 || maxDuplicateDistance < 0 || maxDuplicateDistance > 64) {
            throw new IllegalArgumentException("invalid quality gate config");
        }
    }

    public static QualityGateConfig defaults() {
        return new QualityGateConfig(DEFAULT_MIN_SHORT_SIDE, DEFAULT_MIN_SHARPNESS, DEFAULT_MAX_DUPLICATE_DISTANCE,
                DecodeLimits.defaults(), NormalizeOptions.defaults(), 0.95f);
    }

    public QualityGateConfig withMinShortSide(int value) {
        return new QualityGateConfig(value, minSharpness, maxDuplicateDistance, limits, normalize, originalJpegQuality);
    }

    public QualityGateConfig withMinSharpness(double value) {
        return new QualityGateConfig(minShortSide, value, maxDuplicateDistance, limits, normalize, originalJpegQuality);
    }

    public QualityGateConfig withMaxDuplicateDistance(int value) {
        return new QualityGateConfig(minShortSide, minSharpness, value, limits, normalize, originalJpegQuality);
    }

    public QualityGateConfig withLimits(DecodeLimits value) {
        return new QualityGateConfig(minShortSide, minSharpness, maxDuplicateDistance, value, normalize,
                originalJpegQuality);
    }

    public QualityGateConfig withNormalize(NormalizeOptions value) {
        return new QualityGateConfig(minShortSide, minSharpness, maxDuplicateDistance, limits, value,
                originalJpegQuality);
    }
}
