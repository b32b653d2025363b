package com.pawprint.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MetadataStripperTest {

    private final SafeDecoder decoder = new SafeDecoder(DecodeLimits.defaults());

    @Test
    void jpegLosesExifCommentsAndTrailingDataButKeepsItsPixels() {
        BufferedImage image = TestImages.detailed(320, 240, 31);
        byte[] plain = TestImages.jpeg(image);
        byte[] tagged = TestImages.withJpegSegment(TestImages.withJpegSegment(plain, 0xFE,
                "taken at home".getBytes(StandardCharsets.US_ASCII)), 0xE1, TestImages.exifPayload(1));
        ByteArrayOutputStream withTrailer = new ByteArrayOutputStream();
        withTrailer.writeBytes(tagged);
        withTrailer.writeBytes(TestImages.jpegWithExif(TestImages.detailed(32, 32, 32), 1));

        byte[] input = withTrailer.toByteArray();
        byte[] stripped = MetadataStripper.strip(input, HeaderProbe.probe(input).value());

        assertFalse(TestImages.contains(stripped, "Exif"));
        assertFalse(TestImages.contains(stripped, "PawCam"));
        assertFalse(TestImages.contains(stripped, "taken at home"));
        assertArrayEquals(plain, stripped, "only the added segments and the trailer go");
    }

    @Test
    void pngLosesTextAndExifChunks() {
        byte[] plain = TestImages.png(TestImages.detailed(100, 80, 33));
        byte[] exif = TestImages.exifPayload(1);
        byte[] tagged = TestImages.withPngChunk(TestImages.withPngChunk(plain, "tEXt",
                "Comment\0my address".getBytes(StandardCharsets.ISO_8859_1)), "eXIf",
                Arrays.copyOfRange(exif, 6, exif.length));
        byte[] stripped = MetadataStripper.strip(tagged, HeaderProbe.probe(tagged).value());
        assertFalse(TestImages.contains(stripped, "my address"));
        assertFalse(TestImages.contains(stripped, "eXIf"));
        assertArrayEquals(plain, stripped);
        assertTrue(decoder.decode(stripped).isOk());
    }
}
