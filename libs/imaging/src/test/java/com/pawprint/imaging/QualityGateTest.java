package com.pawprint.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityGateTest {

    private final QualityGate gate = new QualityGate(QualityGateConfig.defaults());
    private final SafeDecoder decoder = new SafeDecoder(DecodeLimits.defaults());

    @Test
    void acceptsAGoodPhotoAndPreparesEverythingToStore() {
        byte[] jpeg = TestImages.jpeg(TestImages.detailed(1600, 1200, 41));
        PreparedPhoto photo = accepted(gate.check(jpeg, List.of()));

        assertEquals(1024, photo.normalized().width());
        assertEquals(768, photo.normalized().height());
        assertEquals(256, photo.thumbnail().width());
        assertEquals("image/jpeg", photo.normalized().mediaType());
        BufferedImage normalized = decoder.decode(photo.normalized().bytes()).value().image();
        assertEquals(1024, normalized.getWidth());
        assertEquals(1600, photo.original().width());
        assertTrue(photo.metrics().sharpness() > QualityGateConfig.DEFAULT_MIN_SHARPNESS);
        assertTrue(PerceptualHash.of(normalized).distance(photo.hash()) <= 2, "hash is of the normalized copy");
    }

    @Test
    void appliesExifOrientationAndStripsExifWithItsGpsPosition() {
        BufferedImage stored = TestImages.detailed(1000, 700, 42);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                stored.setRGB(x, y, 0xFF0000);
                stored.setRGB(x, 699 - y, 0x0000FF);
            }
        }
        byte[] upload = TestImages.jpegWithExif(stored, 6);
        assertTrue(TestImages.contains(upload, "Exif") && TestImages.contains(upload, "PawCam"));

        PreparedPhoto photo = accepted(gate.check(upload, List.of()));

        for (EncodedImage image : List.of(photo.original(), photo.normalized(), photo.thumbnail())) {
            assertFalse(TestImages.contains(image.bytes(), "Exif"), "EXIF survived");
            assertFalse(TestImages.contains(image.bytes(), "PawCam"), "EXIF data survived");
            assertFalse(hasApp1(image.bytes()), "an APP1 segment survived");
            BufferedImage upright = decoder.decode(image.bytes()).value().image();
            assertTrue(upright.getHeight() > upright.getWidth(), "not rotated: " + upright.getWidth() + "x"
                    + upright.getHeight());
            int w = upright.getWidth();
            int h = upright.getHeight();
            // Turned 90 degrees clockwise: the stored top-left (red) is now top right, the bottom-left (blue) top left.
            assertTrue(SafeDecoderTest.isRed(TestImages.rgb(upright, w - 1 - w / 20, h / 30)));
            int topLeft = TestImages.rgb(upright, w / 20, h / 30);
            assertTrue((topLeft & 0xFF) > 200 && (topLeft >> 16) < 60, Integer.toHexString(topLeft));
        }
        assertEquals(700, photo.original().width());
        assertEquals(1000, photo.original().height());
        assertEquals(Orientation.ROTATE_90_CLOCKWISE, photo.header().orientation());
    }

    @Test
    void uprightOriginalKeepsItsOwnBytesMinusExif() {
        byte[] plain = TestImages.jpeg(TestImages.detailed(800, 600, 43));
        byte[] upload = TestImages.withJpegSegment(plain, 0xE1, TestImages.exifPayload(1));
        PreparedPhoto photo = accepted(gate.check(upload, List.of()));
        assertTrue(Arrays.equals(plain, photo.original().bytes()));
    }

    @Test
    void rejectsEachKindOfBadInputWithItsReason() {
        byte[] good = TestImages.jpeg(TestImages.detailed(800, 600, 44));
        assertRejected(RejectionReason.EMPTY, new byte[0]);
        assertRejected(RejectionReason.NOT_AN_IMAGE, "name,species\nRex,dog\n".getBytes(StandardCharsets.UTF_8));
        assertRejected(RejectionReason.TRUNCATED, Arrays.copyOf(good, good.length * 2 / 3));
        assertRejected(RejectionReason.TOO_LARGE_DIMENSIONS, TestImages.pngBomb(30000, 30000));
        assertRejected(RejectionReason.TOO_SMALL, TestImages.jpeg(TestImages.detailed(800, 400, 45)));
        assertRejected(RejectionReason.TOO_BLURRY,
                TestImages.jpeg(TestImages.blurred(TestImages.detailed(800, 600, 46))));
        QualityGate tight = new QualityGate(QualityGateConfig.defaults()
                .withLimits(new DecodeLimits(10_000, DecodeLimits.DEFAULT_MAX_PIXELS)));
        assertEquals(RejectionReason.FILE_TOO_LARGE, rejection(tight.check(good, List.of())).reason());
    }

    @Test
    void rejectsNearDuplicatesOfExistingHashesOnly() {
        BufferedImage image = TestImages.detailed(1200, 900, 47);
        PreparedPhoto first = accepted(gate.check(TestImages.jpeg(image), List.of()));
        BufferedImage smaller = Resampler.fitLongSide(image, 800, ResampleFilter.BICUBIC);

        Rejection rejection = rejection(gate.check(TestImages.jpeg(smaller), List.of(first.hash())));
        assertEquals(RejectionReason.NEAR_DUPLICATE, rejection.reason());
        assertTrue(rejection.message().contains(first.hash().toHex()), rejection.message());

        byte[] other = TestImages.jpeg(TestImages.detailed(1200, 900, 48));
        assertTrue(gate.check(other, List.of(first.hash())).accepted());
    }

    private void assertRejected(RejectionReason reason, byte[] bytes) {
        Rejection rejection = rejection(gate.check(bytes, List.of()));
        assertEquals(reason, rejection.reason(), rejection.message());
        assertFalse(rejection.message().isBlank());
    }

    private static PreparedPhoto accepted(GateVerdict verdict) {
        if (verdict instanceof GateVerdict.Accepted accepted) {
            return accepted.photo();
        }
        throw new AssertionError("rejected: " + ((GateVerdict.Rejected) verdict).rejection());
    }

    private static Rejection rejection(GateVerdict verdict) {
        if (verdict instanceof GateVerdict.Rejected rejected) {
            return rejected.rejection();
        }
        throw new AssertionError("accepted, expected a rejection");
    }

    private static boolean hasApp1(byte[] jpeg) {
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == 0xE1) {
                return true;
            }
            if (marker == 0xDA) {
                return false;
            }
            pos += 2 + ((jpeg[pos + 2] & 0xFF) << 8 | (jpeg[pos + 3] & 0xFF));
        }
        return false;
    }
}
