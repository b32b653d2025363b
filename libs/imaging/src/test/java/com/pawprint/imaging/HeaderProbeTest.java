package com.pawprint.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HeaderProbeTest {

    private static final byte[] JPEG = TestImages.jpeg(TestImages.detailed(640, 520, 1));
    private static final byte[] PNG = TestImages.png(TestImages.detailed(600, 530, 2));

    @Test
    void readsJpegAndPngDimensions() {
        ImageHeader jpeg = HeaderProbe.probe(JPEG).value();
        assertEquals(new ImageHeader(ImageFormat.JPEG, 640, 520, Orientation.NORMAL), jpeg);
        ImageHeader png = HeaderProbe.probe(PNG).value();
        assertEquals(new ImageHeader(ImageFormat.PNG, 600, 530, Orientation.NORMAL), png);
    }

    @Test
    void readsExifOrientationFromJpegAndPng() {
        byte[] rotatedJpeg = TestImages.withJpegSegment(JPEG, 0xE1, TestImages.exifPayload(6));
        ImageHeader header = HeaderProbe.probe(rotatedJpeg).value();
        assertEquals(Orientation.ROTATE_90_CLOCKWISE, header.orientation());
        assertEquals(520, header.uprightWidth());
        assertEquals(640, header.uprightHeight());

        byte[] exif = TestImages.exifPayload(3);
        byte[] pngWithExif = TestImages.withPngChunk(PNG, "eXIf", Arrays.copyOfRange(exif, 6, exif.length));
        assertEquals(Orientation.ROTATE_180, HeaderProbe.probe(pngWithExif).value().orientation());
    }

    @Test
    void readsWebpHeadersOfAllThreeKinds() {
        byte[] lossy = webp("VP8 ", new byte[] {0, 0, 0, (byte) 0x9D, 0x01, 0x2A, (byte) 0x80, 0x02, (byte) 0xE0, 0x01});
        assertEquals(new ImageHeader(ImageFormat.WEBP, 640, 480, Orientation.NORMAL), HeaderProbe.probe(lossy).value());

        int bits = (800 - 1) | (600 - 1) << 14;
        byte[] lossless = webp("VP8L", new byte[] {0x2F, (byte) bits, (byte) (bits >> 8), (byte) (bits >> 16),
                (byte) (bits >> 24), 0, 0, 0, 0, 0});
        assertEquals(new ImageHeader(ImageFormat.WEBP, 800, 600, Orientation.NORMAL),
                HeaderProbe.probe(lossless).value());

        byte[] extended = webp("VP8X", new byte[] {0, 0, 0, 0, (byte) 0xFF, 0x03, 0, 0x1F, 0x03, 0});
        assertEquals(new ImageHeader(ImageFormat.WEBP, 1024, 800, Orientation.NORMAL),
                HeaderProbe.probe(extended).value());

        byte[] animated = webp("VP8X", new byte[] {0x02, 0, 0, 0, (byte) 0xFF, 0x03, 0, 0x1F, 0x03, 0});
        assertEquals(RejectionReason.UNSUPPORTED_FORMAT, HeaderProbe.probe(animated).rejection().reason());
    }

    @Test
    void rejectsEmptyNonImagesAndOtherFormats() {
        assertEquals(RejectionReason.EMPTY, HeaderProbe.probe(new byte[0]).rejection().reason());
        assertEquals(RejectionReason.NOT_AN_IMAGE,
                HeaderProbe.probe("%PDF-1.7 definitely not a photo".getBytes(StandardCharsets.US_ASCII))
                        .rejection().reason());
        Rejection gif = HeaderProbe.probe("GIF89a\1\0\1\0\0\0\0;".getBytes(StandardCharsets.ISO_8859_1)).rejection();
        assertEquals(RejectionReason.UNSUPPORTED_FORMAT, gif.reason());
        assertTrue(gif.message().contains("GIF"), gif.message());
        byte[] heic = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0};
        assertEquals(RejectionReason.UNSUPPORTED_FORMAT, HeaderProbe.probe(heic).rejection().reason());
    }

    @Test
    void rejectsFilesCutInsideTheHeaderAsTruncated() {
        assertEquals(RejectionReason.TRUNCATED, HeaderProbe.probe(Arrays.copyOf(JPEG, 40)).rejection().reason());
        assertEquals(RejectionReason.TRUNCATED, HeaderProbe.probe(Arrays.copyOf(PNG, 20)).rejection().reason());
        assertEquals(RejectionReason.TRUNCATED, HeaderProbe.probe(Arrays.copyOf(JPEG, 2)).rejection().reason());
    }

    @Test
    void zeroDimensionsAreCorrupt() {
        assertEquals(RejectionReason.CORRUPT, HeaderProbe.probe(TestImages.pngBomb(0, 100)).rejection().reason());
    }

    @Test
    void readsBombDimensionsWithoutTouchingPixels() {
        byte[] bomb = TestImages.pngBomb(30000, 30000);
        assertTrue(bomb.length < 10_000, "bomb is " + bomb.length + " bytes");
        ImageHeader header = HeaderProbe.probe(bomb).value();
        assertEquals(900_000_000L, header.pixelCount());
    }

    private static byte[] webp(String fourcc, byte[] data) {
        byte[] file = new byte[20 + data.length];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, file, 0, 4);
        int riffSize = file.length - 8;
        file[4] = (byte) riffSize;
        System.arraycopy("WEBP".getBytes(StandardCharsets.US_ASCII), 0, file, 8, 4);
        System.arraycopy(fourcc.getBytes(StandardCharsets.US_ASCII), 0, file, 12, 4);
        file[16] = (byte) data.length;
        System.arraycopy(data, 0, file, 20, data.length);
        return file;
    }
}
