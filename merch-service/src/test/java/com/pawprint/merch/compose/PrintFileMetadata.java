package com.pawprint.merch.compose;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * Reads back what a printer reads from a print file's header: pixel size, DPI (0 when the file states none) and
 * whether sRGB is declared (PNG sRGB chunk, JPEG ICC profile).
 */
public record PrintFileMetadata(int width, int height, int dpi, boolean srgb) {

    public static PrintFileMetadata of(byte[] bytes) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            ImageReader reader = readers.next();
            try {
                reader.setInput(input);
                IIOMetadata metadata = reader.getImageMetadata(0);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                String format = reader.getFormatName().toLowerCase();
                if (format.equals("png")) {
                    Element root = (Element) metadata.getAsTree("javax_imageio_png_1.0");
                    Element physical = child(root, "pHYs");
                    int perMetre = Integer.parseInt(physical.getAttribute("pixelsPerUnitXAxis"));
                    return new PrintFileMetadata(width, height, (int) Math.round(perMetre * 0.0254),
                            child(root, "sRGB") != null);
                }
                Element root = (Element) metadata.getAsTree("javax_imageio_jpeg_image_1.0");
                Element jfif = (Element) root.getElementsByTagName("app0JFIF").item(0);
                int dpi = "1".equals(jfif.getAttribute("resUnits")) ? Integer.parseInt(jfif.getAttribute("Xdensity")) : 0;
                return new PrintFileMetadata(width, height, dpi,
                        root.getElementsByTagName("app2ICC").getLength() == 1);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
