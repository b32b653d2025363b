package com.pawprint.imaging;

import java.awt.image.BufferedImage;
import java.util.Collection;
import java.util.Locale;

/**
 * Decides whether an uploaded file becomes a training photo, and prepares what is stored when it does. Cheap
 * checks run first (size, signature, header dimensions), so bad files cost almost nothing; no input makes it
 * throw. Thread-safe.
 */
public final class QualityGate {

    private final QualityGateConfig config;
    private final SafeDecoder decoder;
    private final Normalizer normalizer;

    public QualityGate(QualityGateConfig config) {
        this.config = config;
        this.decoder = new SafeDecoder(config.limits());
        this.normalizer = new Normalizer(config.normalize(), decoder);
    }

    public QualityGateConfig config() {
        return config;
    }

    /**
     * Checks one file.
     *
     * @param existingHashes the perceptual hashes of the pet's photos already accepted (and of earlier files in
     *                       the same upload, if the caller wants those compared too)
     */
    public GateVerdict check(byte[] bytes, Collection<PerceptualHash> existingHashes) {
        Outcome<ImageHeader> inspected = decoder.inspect(bytes);
        if (!inspected.isOk()) {
            return new GateVerdict.Rejected(inspected.rejection());
        }
        ImageHeader header = inspected.value();
        if (header.shortSide() < config.minShortSide()) {
            return reject(RejectionReason.TOO_SMALL, "The image is " + header.uprightWidth() + "x"
                    + header.uprightHeight() + "; its short side must be at least " + config.minShortSide() + " px.");
        }
        boolean upright = header.orientation() == Orientation.NORMAL;
        Outcome<DecodedImage> decoded = decoder.decode(bytes, upright ? normalizer.subsamplingFor(header) : 1);
        if (!decoded.isOk()) {
            return new GateVerdict.Rejected(decoded.rejection());
        }
        BufferedImage pixels = decoded.value().image();
        NormalizedImages normalized = normalizer.normalize(pixels);
        QualityMetrics metrics = QualityMetrics.of(normalized.pixels());
        if (metrics.sharpness() < config.minSharpness()) {
            return reject(RejectionReason.TOO_BLURRY, String.format(Locale.ROOT,
                    "The photo is too blurry (sharpness %.1f, at least %.1f needed).",
                    metrics.sharpness(), config.minSharpness()));
        }
        PerceptualHash hash = PerceptualHash.of(normalized.pixels());
        for (PerceptualHash existing : existingHashes) {
            int distance = hash.distance(existing);
            if (distance <= config.maxDuplicateDistance()) {
                return reject(RejectionReason.NEAR_DUPLICATE, "The photo is a near-duplicate of a photo already "
                        + "uploaded (perceptual hash " + existing.toHex() + ", " + distance + " bits apart).");
            }
        }
        EncodedImage original = upright
                ? new EncodedImage(MetadataStripper.strip(bytes, header), header.format(), header.width(),
                        header.height())
                : new EncodedImage(JpegEncoder.encode(pixels, config.originalJpegQuality()), ImageFormat.JPEG,
                        pixels.getWidth(), pixels.getHeight());
        return new GateVerdict.Accepted(new PreparedPhoto(header, original, normalized.normalized(),
                normalized.thumbnail(), metrics, hash));
    }

    private static GateVerdict reject(RejectionReason reason, String message) {
        return new GateVerdict.Rejected(new Rejection(reason, message));
    }
}
