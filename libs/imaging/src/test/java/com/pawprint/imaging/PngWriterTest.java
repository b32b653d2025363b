package com.pawprint.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class PngWriterTest {

    @Test
    void argbPixelsSurviveTheJdkReaderAcrossStripBoundaries() throws IOException {
        // 300 rows span three 128-row strips, so the joined zlib stream and the Up filter across strips are read
        BufferedImage image = new BufferedImage(301, 300, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, ((x * 7 + y) & 0xFF) << 24 | (x & 0xFF) << 16 | (y & 0xFF) << 8 | ((x ^ y) & 0xFF));
            }
        }
        assertSamePixels(image, ImageIO.read(new ByteArrayInputStream(PngWriter.defaults().encode(image))));
    }

    @Test
    void rgbPixelsSurviveAtEveryCompressionLevel() throws IOException {
        BufferedImage image = TestImages.detailed(130, 129, 5);
        for (int level : new int[] {0, 1, 9}) {
            byte[] png = PngWriter.defaults().withCompressionLevel(level).encode(image);
            BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(BufferedImage.TYPE_3BYTE_BGR, read.getType(), "colour type 2, no alpha");
            assertSamePixels(image, read);
        }
    }

    @Test
    void writesSrgbAlwaysAndTheDpiAsPixelsPerMetreWhenGiven() throws IOException {
        BufferedImage image = TestImages.detailed(40, 30, 6);
        Element withDpi = metadata(PngWriter.defaults().withDpi(300).encode(image));
        assertNotNull(child(withDpi, "sRGB"));
        Element physical = child(withDpi, "pHYs");
        assertEquals("11811", physical.getAttribute("pixelsPerUnitXAxis"));
        assertEquals("11811", physical.getAttribute("pixelsPerUnitYAxis"));
        assertEquals("meter", physical.getAttribute("unitSpecifier"));

        Element withoutDpi = metadata(PngWriter.defaults().encode(image));
        assertNotNull(child(withoutDpi, "sRGB"));
        assertNull(child(withoutDpi, "pHYs"));
    }

    @Test
    void refusesWhatItCannotWrite() {
        BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        assertThrows(IllegalArgumentException.class, () -> PngWriter.defaults().encode(grey));
        assertThrows(IllegalArgumentException.class, () -> PngWriter.defaults().withCompressionLevel(10));
        assertThrows(IllegalArgumentException.class, () -> PngWriter.defaults().withDpi(-1));
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                assertEquals(expected.getRGB(x, y), actual.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    private static Element metadata(byte[] png) throws IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
            try {
                reader.setInput(input);
                return (Element) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            } finally {
                reader.dispose();
            }
        }
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeName().equals(name)) {
                return (Element) node;
            }
        }
        return null;
    }
}
