package com.pawprint.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real WebP files (made with cwebp from a synthetic sample, see resources/webp/README.md). */
class WebpTest {

    private final QualityGate gate = new QualityGate(QualityGateConfig.defaults());
    private final SafeDecoder decoder = new SafeDecoder(DecodeLimits.defaults());

    @Test
    void lossyWebpPassesTheGate() {
        byte[] webp = resource("lossy.webp");
        GateVerdict verdict = gate.check(webp, List.of());
        assertTrue(verdict.accepted(), verdict.toString());
        PreparedPhoto photo = ((GateVerdict.Accepted) verdict).photo();
        assertEquals(new ImageHeader(ImageFormat.WEBP, 640, 800, Orientation.NORMAL), photo.header());
        assertEquals(ImageFormat.WEBP, photo.original().format());
        assertEquals("image/jpeg", photo.normalized().mediaType());
        assertEquals(640, photo.normalized().width());
        assertEquals(800, photo.normalized().height());
    }

    @Test
    void exifOrientationInAWebpIsAppliedAndItsExifDropped() {
        byte[] webp = resource("rotated-exif.webp");
        assertTrue(TestImages.contains(webp, "EXIF"));
        assertEquals(Orientation.ROTATE_90_CLOCKWISE, HeaderProbe.probe(webp).value().orientation());

        PreparedPhoto photo = ((GateVerdict.Accepted) gate.check(webp, List.of())).photo();
        for (EncodedImage image : List.of(photo.original(), photo.normalized(), photo.thumbnail())) {
            assertFalse(TestImages.contains(image.bytes(), "Exif"));
            BufferedImage upright = decoder.decode(image.bytes()).value().image();
            assertTrue(upright.getWidth() > upright.getHeight(), upright.getWidth() + "x" + upright.getHeight());
        }
        assertEquals(800, photo.original().width());
    }

    @Test
    void strippingAWebpRemovesItsExifChunkAndFlag() {
        byte[] webp = resource("rotated-exif.webp");
        byte[] stripped = MetadataStripper.strip(webp, HeaderProbe.probe(webp).value());
        assertFalse(TestImages.contains(stripped, "EXIF"));
        assertEquals(0, stripped[20] & 0x08, "VP8X still announces EXIF");
        assertEquals(stripped.length - 8, (stripped[4] & 0xFF) | (stripped[5] & 0xFF) << 8
                | (stripped[6] & 0xFF) << 16 | (stripped[7] & 0xFF) << 24);
        assertEquals(Orientation.NORMAL, HeaderProbe.probe(stripped).value().orientation());
        assertEquals(640, decoder.decode(stripped).value().image().getWidth());
    }

    @Test
    void losslessWebpDecodes() {
        DecodedImage decoded = decoder.decode(resource("lossless-small.webp")).value();
        assertEquals(48, decoded.image().getWidth());
        assertEquals(60, decoded.image().getHeight());
        assertEquals(ImageFormat.WEBP, decoded.header().format());
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebpTest.class.getResourceAsStream("/webp/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
