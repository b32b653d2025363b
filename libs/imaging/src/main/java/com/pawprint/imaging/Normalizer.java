package com.pawprint.imaging;

import java.awt.image.BufferedImage;

/** Decodes an upload and makes its normalized copy (long side capped, sRGB, no metadata) and its thumbnail. */
public final class Normalizer {

    /**
     * A subsampled decode keeps at least this many source pixels per output pixel, so the filter still has
     * detail to average (point subsampling alone would alias). 12 MP (4000 px) to 1024 px decodes every 2nd pixel.
     */
    private static final double SHRINK_ON_LOAD_MARGIN = 1.5;

    private final NormalizeOptions options;
    private final SafeDecoder decoder;

    public Normalizer(NormalizeOptions options, SafeDecoder decoder) {
        this.options = options;
        this.decoder = decoder;
    }

    public NormalizeOptions options() {
        return options;
    }

    /** Decodes {@code bytes} (shrinking on load where allowed) and normalizes the result. */
    public Outcome<NormalizedImages> normalize(byte[] bytes) {
        return decoder.inspect(bytes)
                .flatMap(header -> decoder.decode(bytes, subsamplingFor(header)))
                .flatMap(decoded -> Outcome.ok(normalize(decoded.image())));
    }

    /** The subsampling {@link #normalize(byte[])} decodes {@code header}'s image with. */
    public int subsamplingFor(ImageHeader header) {
        if (!options.shrinkOnLoad()) {
            return 1;
        }
        return SafeDecoder.subsamplingFor(header, (int) Math.ceil(SHRINK_ON_LOAD_MARGIN * options.maxLongSide()));
    }

    /** Normalizes already decoded, upright sRGB pixels ({@link BufferedImage#TYPE_INT_RGB}). */
    public NormalizedImages normalize(BufferedImage upright) {
        BufferedImage normalized = Resampler.fitLongSide(upright, options.maxLongSide(), options.filter());
        BufferedImage thumbnail = Resampler.fitLongSide(normalized, options.thumbnailLongSide(), options.filter());
        return new NormalizedImages(encode(normalized), encode(thumbnail), normalized);
    }

    private EncodedImage encode(BufferedImage image) {
        return new EncodedImage(JpegEncoder.encode(image, options.jpegQuality()), ImageFormat.JPEG,
                image.getWidth(), image.getHeight());
    }
}
