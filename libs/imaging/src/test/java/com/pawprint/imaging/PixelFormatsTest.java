package com.pawprint.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every pixel layout a PNG or JPEG decoder hands back ends up as opaque sRGB with the right colour. */
class PixelFormatsTest {

    private final SafeDecoder decoder = new SafeDecoder(DecodeLimits.defaults());

    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY, BufferedImage.TYPE_INT_ARGB,
        BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB})
    void pngLayoutsDecodeToOpaqueSrgb(int type) {
        BufferedImage source = new BufferedImage(40, 30, type);
        Graphics2D g = source.createGraphics();
        g.setColor(new Color(200, 200, 200));
        g.fillRect(0, 0, 40, 30);
        g.dispose();
        BufferedImage decoded = decoder.decode(TestImages.png(source)).value().image();
        assertEquals(BufferedImage.TYPE_INT_RGB, decoded.getType());
        int rgb = TestImages.rgb(decoded, 20, 15);
        for (int shift = 0; shift < 24; shift += 8) {
            assertTrue(Math.abs(((rgb >> shift) & 0xFF) - 200) <= 2, "type " + type + " gave " + Integer.toHexString(rgb));
        }
    }

    @Test
    void palettePngWithATransparentEntryIsFlattenedOntoWhite() {
        byte[] reds = {(byte) 255, 0};
        byte[] greens = {0, 0};
        byte[] blues = {0, 0};
        byte[] alphas = {(byte) 255, 0};
        BufferedImage palette = new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(1, 2, reds, greens, blues, alphas));
        palette.getRaster().setSample(0, 0, 0, 0);
        for (int x = 1; x < 20; x++) {
            palette.getRaster().setSample(x, 0, 0, 1);
        }
        BufferedImage decoded = decoder.decode(TestImages.png(palette)).value().image();
        assertEquals(0xFF0000, TestImages.rgb(decoded, 0, 0));
        assertEquals(0xFFFFFF, TestImages.rgb(decoded, 5, 0));
    }

    @Test
    void grayscaleJpegDecodesToGreyRgb() {
        BufferedImage gray = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = gray.createGraphics();
        g.setColor(new Color(90, 90, 90));
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        int rgb = TestImages.rgb(decoder.decode(TestImages.jpeg(gray)).value().image(), 32, 32);
        int r = (rgb >> 16) & 0xFF;
        assertEquals(r, rgb & 0xFF);
        assertTrue(Math.abs(r - 90) <= 3, Integer.toHexString(rgb));
    }
}
