package com.pawprint.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResamplerTest {

    @ParameterizedTest
    @EnumSource(ResampleFilter.class)
    void keepsAFlatColourExactlyAndCapsTheLongSide(ResampleFilter filter) {
        BufferedImage flat = TestImages.solid(1500, 1000, new Color(200, 120, 40));
        BufferedImage small = Resampler.fitLongSide(flat, 600, filter);
        assertEquals(600, small.getWidth());
        assertEquals(400, small.getHeight());
        for (int[] point : new int[][] {{0, 0}, {599, 399}, {300, 200}, {17, 388}}) {
            assertEquals(0xC87828, TestImages.rgb(small, point[0], point[1]), filter + " at " + point[0]);
        }
    }

    @ParameterizedTest
    @EnumSource(ResampleFilter.class)
    void averagesDetailFinerThanTheOutputInsteadOfAliasing(ResampleFilter filter) {
        // One-pixel black/white stripes shrunk 4x: a point sampler would give solid black or white.
        BufferedImage stripes = new BufferedImage(1000, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 1000; x++) {
                stripes.setRGB(x, y, x % 2 == 0 ? 0xFFFFFF : 0x000000);
            }
        }
        BufferedImage small = Resampler.resize(stripes, 250, 25, filter);
        for (int x = 5; x < 245; x += 17) {
            int grey = TestImages.rgb(small, x, 10) & 0xFF;
            assertTrue(Math.abs(grey - 128) < 20, filter + " gave " + grey + " at " + x);
        }
    }

    @Test
    void leavesImagesThatAlreadyFitAlone() {
        BufferedImage image = TestImages.solid(300, 200, Color.RED);
        assertSame(image, Resampler.fitLongSide(image, 1024, ResampleFilter.LANCZOS3));
    }
}
