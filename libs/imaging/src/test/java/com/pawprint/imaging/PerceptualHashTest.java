package com.pawprint.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.RescaleOp;
import org.junit.jupiter.api.Test;

class PerceptualHashTest {

    private final SafeDecoder decoder = new SafeDecoder(DecodeLimits.defaults());

    @Test
    void nearDuplicatesAreCloseAndDifferentImagesFar() {
        BufferedImage original = TestImages.detailed(1000, 800, 21);
        PerceptualHash hash = PerceptualHash.of(original);

        BufferedImage reencodedSmaller = decoder.decode(TestImages.jpeg(
                Resampler.fitLongSide(original, 640, ResampleFilter.BICUBIC))).value().image();
        BufferedImage cropped = original.getSubimage(15, 12, 970, 776);
        BufferedImage croppedCopy = new BufferedImage(970, 776, BufferedImage.TYPE_INT_RGB);
        croppedCopy.getGraphics().drawImage(cropped, 0, 0, null);
        BufferedImage brighter = new RescaleOp(1.1f, 8f, null).filter(original, null);

        assertTrue(hash.distance(PerceptualHash.of(reencodedSmaller)) <= 2);
        assertTrue(hash.distance(PerceptualHash.of(croppedCopy)) <= QualityGateConfig.DEFAULT_MAX_DUPLICATE_DISTANCE,
                "crop distance " + hash.distance(PerceptualHash.of(croppedCopy)));
        assertTrue(hash.distance(PerceptualHash.of(brighter)) <= 2);
        for (long seed = 22; seed < 30; seed++) {
            int distance = hash.distance(PerceptualHash.of(TestImages.detailed(1000, 800, seed)));
            assertTrue(distance > 16, "seed " + seed + " distance " + distance);
        }
    }

    @Test
    void hexRoundTripsAndDistanceCountsBits() {
        PerceptualHash hash = new PerceptualHash(0x8000_0000_0000_00F1L);
        assertEquals("80000000000000f1", hash.toHex());
        assertEquals(hash, PerceptualHash.fromHex(hash.toHex()));
        assertEquals(6, hash.distance(new PerceptualHash(0)));
        assertEquals(0, hash.distance(hash));
    }
}
