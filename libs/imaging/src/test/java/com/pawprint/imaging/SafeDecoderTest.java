package com.pawprint.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

class SafeDecoderTest {

    private final SafeDecoder decoder = new SafeDecoder(DecodeLimits.defaults());

    @Test
    void decodesJpegToOpaqueSrgb() {
        DecodedImage decoded = decoder.decode(TestImages.jpeg(TestImages.detailed(700, 600, 3))).value();
        assertEquals(BufferedImage.TYPE_INT_RGB, decoded.image().getType());
        assertEquals(700, decoded.image().getWidth());
        assertEquals(600, decoded.image().getHeight());
    }

    @Test
    void refusesABombFromItsHeaderQuickly() {
        byte[] bomb = TestImages.pngBomb(30000, 30000);
        long start = System.nanoTime();
        Rejection rejection = decoder.decode(bomb).rejection();
        long micros = (System.nanoTime() - start) / 1000;
        assertEquals(RejectionReason.TOO_LARGE_DIMENSIONS, rejection.reason());
        assertTrue(rejection.message().contains("30000x30000"), rejection.message());
        // Generous bound: decoding would need 2.7 GB and many seconds; the header check needs microseconds.
        assertTrue(micros < 1_000_000, "took " + micros + " us");
    }

    @Test
    void refusesFilesOverTheByteLimit() {
        SafeDecoder small = new SafeDecoder(new DecodeLimits(1000, DecodeLimits.DEFAULT_MAX_PIXELS));
        byte[] jpeg = TestImages.jpeg(TestImages.detailed(200, 200, 4));
        assertEquals(RejectionReason.FILE_TOO_LARGE, small.decode(jpeg).rejection().reason());
    }

    @Test
    void truncatedJpegIsRejectedNotHalfGrey() {
        byte[] jpeg = TestImages.jpeg(TestImages.detailed(640, 640, 5));
        Rejection rejection = decoder.decode(Arrays.copyOf(jpeg, jpeg.length / 2)).rejection();
        assertEquals(RejectionReason.TRUNCATED, rejection.reason(), rejection.message());
    }

    @Test
    void truncatedPngIsRejected() {
        byte[] png = TestImages.png(TestImages.detailed(640, 640, 6));
        Rejection rejection = decoder.decode(Arrays.copyOf(png, png.length / 2)).rejection();
        assertEquals(RejectionReason.TRUNCATED, rejection.reason(), rejection.message());
    }

    @Test
    void garbageAfterAValidHeaderIsRejectedWithoutException() {
        byte[] jpeg = TestImages.jpeg(TestImages.detailed(320, 320, 7));
        byte[] damaged = jpeg.clone();
        int scanStart = damaged.length / 3;
        Arrays.fill(damaged, scanStart, damaged.length, (byte) 0x00);
        Outcome<DecodedImage> outcome = decoder.decode(damaged);
        assertTrue(!outcome.isOk(), "damaged data must not be accepted");
    }

    @Test
    void transparentPngIsFlattenedOntoWhite() {
        BufferedImage transparent = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        transparent.setRGB(0, 0, 0xFF0000FF);
        byte[] png = TestImages.png(transparent);
        BufferedImage decoded = decoder.decode(png).value().image();
        assertEquals(0x0000FF, TestImages.rgb(decoded, 0, 0));
        assertEquals(0xFFFFFF, TestImages.rgb(decoded, 10, 10));
    }

    @Test
    void embeddedIccProfileIsConvertedToSrgb() {
        // Mid grey stored in linear-light RGB is much lighter in sRGB: linear 0.5 is sRGB ~188.
        byte[] jpeg = TestImages.jpeg(TestImages.solid(64, 64, new Color(128, 128, 128)));
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII));
        payload.write(1);
        payload.write(1);
        payload.writeBytes(profile);
        byte[] tagged = TestImages.withJpegSegment(jpeg, 0xE2, payload.toByteArray());

        int grey = TestImages.rgb(decoder.decode(tagged).value().image(), 32, 32) & 0xFF;
        assertTrue(grey > 175 && grey < 200, "sRGB value " + grey);
        int untagged = TestImages.rgb(decoder.decode(jpeg).value().image(), 32, 32) & 0xFF;
        assertTrue(Math.abs(untagged - 128) <= 2, "untagged value " + untagged);
    }

    @Test
    void pngIccProfileIsConvertedToSrgb() {
        byte[] png = TestImages.png(TestImages.solid(64, 64, new Color(128, 128, 128)));
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.writeBytes("linear\0".getBytes(StandardCharsets.US_ASCII));
        chunk.write(0);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(compressed)) {
            deflate.write(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunk.writeBytes(compressed.toByteArray());
        byte[] tagged = TestImages.withPngChunk(png, "iCCP", chunk.toByteArray());

        int grey = TestImages.rgb(decoder.decode(tagged).value().image(), 32, 32) & 0xFF;
        assertTrue(grey > 175 && grey < 200, "sRGB value " + grey);
        byte[] brokenProfile = TestImages.withPngChunk(png, "iCCP", "broken\0\0not zlib".getBytes(StandardCharsets.US_ASCII));
        assertEquals(128, TestImages.rgb(decoder.decode(brokenProfile).value().image(), 32, 32) & 0xFF);
    }

    @Test
    void subsampledDecodeIsSmaller() {
        byte[] jpeg = TestImages.jpeg(TestImages.detailed(1200, 800, 8));
        DecodedImage decoded = decoder.decode(jpeg, 3).value();
        assertEquals(400, decoded.image().getWidth());
        assertEquals(267, decoded.image().getHeight());
        assertEquals(1200, decoded.header().width());
    }

    @Test
    void exifOrientationIsApplied() {
        BufferedImage stored = TestImages.solid(80, 40, Color.BLUE);
        for (int x = 0; x < 20; x++) {
            for (int y = 0; y < 20; y++) {
                stored.setRGB(x, y, 0xFF0000);
            }
        }
        BufferedImage upright = decoder.decode(TestImages.jpegWithExif(stored, 6)).value().image();
        assertEquals(40, upright.getWidth());
        assertEquals(80, upright.getHeight());
        // Rotating 90 degrees clockwise moves the stored top-left corner to the top-right.
        assertTrue(isRed(TestImages.rgb(upright, 35, 5)), Integer.toHexString(TestImages.rgb(upright, 35, 5)));
        assertTrue(!isRed(TestImages.rgb(upright, 5, 5)), Integer.toHexString(TestImages.rgb(upright, 5, 5)));
    }

    static boolean isRed(int rgb) {
        return ((rgb >> 16) & 0xFF) > 200 && (rgb & 0xFF) < 60;
    }
}
