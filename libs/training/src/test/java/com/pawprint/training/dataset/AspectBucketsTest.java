package com.pawprint.training.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AspectBucketsTest {

    @Test
    void bucketsAreKohyasFor512() {
        AspectBuckets buckets = AspectBuckets.of(512, 256, 1024);
        // kohya's make_bucket_resolutions((512, 512), 256, 1024, 64), worked by hand: 512 square and 8 pairs.
        assertEquals(17, buckets.resolutions().size());
        assertTrue(buckets.resolutions().contains(new BucketResolution(512, 512)));
        assertTrue(buckets.resolutions().contains(new BucketResolution(256, 1024)));
        assertTrue(buckets.resolutions().contains(new BucketResolution(640, 384)));
        assertTrue(buckets.resolutions().stream().allMatch(b -> b.width() * b.height() <= 512 * 512
                && b.width() % 64 == 0 && b.height() % 64 == 0));
        assertEquals(new BucketResolution(576, 448), buckets.select(800, 640));
        assertEquals(new BucketResolution(512, 512), buckets.select(1000, 1000));
        assertEquals(new BucketResolution(384, 640), buckets.select(600, 1000));
        assertEquals(List.of(new BucketResolution(512, 512)), AspectBuckets.square(512).resolutions());
    }

    @Test
    void captionShuffleKeepsTheTriggerInFront() {
        String shuffled = CaptionShuffle.shuffled("sks cat, a, b, c, d, e", 1, new Random(4));
        assertTrue(shuffled.startsWith("sks cat, "), shuffled);
        assertEquals(List.of("a", "b", "c", "d", "e", "sks cat"),
                CaptionShuffle.tags(shuffled).stream().sorted().toList());
        assertEquals("sks cat, a", CaptionShuffle.shuffled("sks cat,a", 1, new Random(1)));
    }

    @Test
    void imagesCoverTheirBucketCentreCropped() {
        var image = new java.awt.image.BufferedImage(100, 50, java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xffffff);
        var cropped = ImageTensors.coverAndCrop(image, 64, 64);
        assertEquals(64, cropped.getWidth());
        assertEquals(64, cropped.getHeight());
        float[] chw = ImageTensors.toChw(image, new BucketResolution(64, 64));
        assertEquals(3 * 64 * 64, chw.length);
        assertEquals(-1f, chw[0], 1e-6, "the white corner pixel is cropped away; black is -1");
    }
}
