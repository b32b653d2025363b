package com.pawprint.imaging;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.spi.IIORegistry;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes untrusted bytes. Everything that can be refused is refused before a pixel is decoded (size, format,
 * dimensions from the header); what fails during decoding comes back as a {@link Rejection}, never as an
 * exception.
 */
public final class SafeDecoder {

    static {
        // Explicit, because ImageIO finds plugins through the context class loader of whichever thread touched it
        // first, which under an application server may not see these jars. The JPEG reader orders itself before
        // the JDK's, which cannot read CMYK/YCCK JPEGs.
        IIORegistry registry = IIORegistry.getDefaultInstance();
        registry.registerServiceProvider(new JPEGImageReaderSpi());
        registry.registerServiceProvider(new WebPImageReaderSpi());
    }

    private static final List<String> TRUNCATION_WARNINGS =
            List.of("premature end", "truncated", "missing eoi", "end of file", "eof");

    private final DecodeLimits limits;

    public SafeDecoder(DecodeLimits limits) {
        this.limits = limits;
    }

    /** Size, format and dimension checks on the header alone. */
    public Outcome<ImageHeader> inspect(byte[] bytes) {
        if (bytes != null && bytes.length > limits.maxBytes()) {
            return Outcome.rejected(RejectionReason.FILE_TOO_LARGE,
                    "The file has " + bytes.length + " bytes; at most " + limits.maxBytes() + " are accepted.");
        }
        return HeaderProbe.probe(bytes).flatMap(header -> {
            if (header.pixelCount() > limits.maxPixels()) {
                return Outcome.rejected(RejectionReason.TOO_LARGE_DIMENSIONS,
                        "The image claims " + header.width() + "x" + header.height() + " pixels ("
                                + header.pixelCount() + "); at most " + limits.maxPixels() + " are accepted.");
            }
            return Outcome.ok(header);
        });
    }

    /** Decodes at full resolution. */
    public Outcome<DecodedImage> decode(byte[] bytes) {
        return decode(bytes, 1);
    }

    /**
     * Decodes keeping only every {@code subsampling}-th pixel of every {@code subsampling}-th row, which costs
     * a fraction of the memory and of the colour conversion of a full decode (shrink-on-load).
     */
    public Outcome<DecodedImage> decode(byte[] bytes, int subsampling) {
        if (subsampling < 1) {
            throw new IllegalArgumentException("subsampling must be >= 1: " + subsampling);
        }
        return inspect(bytes).flatMap(header -> read(bytes, header, subsampling));
    }

    /**
     * The largest subsampling that keeps the decoded long side at least {@code minDecodedLongSide}, for a
     * caller that will downscale further with a proper filter.
     */
    public static int subsamplingFor(ImageHeader header, int minDecodedLongSide) {
        int longSide = Math.max(header.width(), header.height());
        return Math.max(1, longSide / Math.max(1, minDecodedLongSide));
    }

    private Outcome<DecodedImage> read(byte[] bytes, ImageHeader header, int subsampling) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(header.format().imageIoName());
        if (!readers.hasNext()) {
            return Outcome.rejected(RejectionReason.UNSUPPORTED_FORMAT,
                    "No decoder for " + header.format() + " is installed.");
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream input = new ByteArrayImageInputStream(bytes)) {
            reader.setInput(input, true, true);
            reader.addIIOReadWarningListener(collectInto(warnings));
            ImageReadParam param = reader.getDefaultReadParam();
            if (subsampling > 1) {
                param.setSourceSubsampling(subsampling, subsampling, 0, 0);
            }
            BufferedImage raw = reader.read(0, param);
            if (warnings.stream().anyMatch(SafeDecoder::isTruncation)) {
                return Outcome.rejected(RejectionReason.TRUNCATED,
                        "The file is truncated: the decoder reached its end early (" + String.join("; ", warnings) + ").");
            }
            BufferedImage srgb = SrgbConverter.toOpaqueSrgb(raw);
            if (header.format() == ImageFormat.PNG) {
                Optional<ICC_Profile> profile = PngColorProfile.rgbProfile(bytes);
                if (profile.isPresent()) {
                    srgb = SrgbConverter.fromProfile(srgb, profile.get());
                }
            }
            BufferedImage upright = header.orientation().apply(srgb);
            return Outcome.ok(new DecodedImage(header, upright, subsampling));
        } catch (Exception e) {
            return failure(header, e);
        } finally {
            reader.dispose();
        }
    }

    private static IIOReadWarningListener collectInto(List<String> warnings) {
        return (source, warning) -> warnings.add(warning);
    }

    private static boolean isTruncation(String warning) {
        String lower = warning.toLowerCase(Locale.ROOT);
        return TRUNCATION_WARNINGS.stream().anyMatch(lower::contains);
    }

    private static Outcome<DecodedImage> failure(ImageHeader header, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
            if (cause instanceof EOFException || message.contains("unexpected end")
                    || (cause instanceof ZipException && message.contains("end")) || isTruncation(message)) {
                return Outcome.rejected(RejectionReason.TRUNCATED,
                        "The " + header.format() + " file is truncated: its image data ends early.");
            }
        }
        return Outcome.rejected(RejectionReason.CORRUPT,
                "The " + header.format() + " file could not be decoded: " + e.getMessage());
    }
}
