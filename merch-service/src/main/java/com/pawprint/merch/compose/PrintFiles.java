package com.pawprint.merch.compose;

import com.pawprint.imaging.PngWriter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes print files the way printers read them: sRGB declared in the file and the DPI written, so the printer
 * prints at the intended physical size. PNG gets an sRGB chunk and pHYs (pixels per metre); JPEG gets JFIF density
 * in dots per inch and the sRGB ICC profile; the PDF gets TrimBox, BleedBox and ArtBox (the safe area) and an sRGB
 * output intent.
 */
public final class PrintFiles {

    private static final float JPEG_QUALITY = 0.95f;

    private PrintFiles() {
    }

    /** PNG at zlib level 6 (libs/imaging's {@link PngWriter}). */
    public static byte[] png(BufferedImage image, int dpi) {
        return PngWriter.defaults().withDpi(dpi).encode(image);
    }

    public static byte[] jpeg(BufferedImage rgb, int dpi) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(rgb),
                    param);
            String format = "javax_imageio_jpeg_image_1.0";
            Element tree = (Element) metadata.getAsTree(format);
            NodeList jfifNodes = tree.getElementsByTagName("app0JFIF");
            if (jfifNodes.getLength() == 0) {
                throw new IllegalStateException("the JPEG writer offers no JFIF segment for an RGB image");
            }
            IIOMetadataNode jfif = (IIOMetadataNode) jfifNodes.item(0);
            jfif.setAttribute("resUnits", "1");
            jfif.setAttribute("Xdensity", Integer.toString(dpi));
            jfif.setAttribute("Ydensity", Integer.toString(dpi));
            IIOMetadataNode icc = new IIOMetadataNode("app2ICC");
            icc.setUserObject(ICC_Profile.getInstance(ColorSpace.CS_sRGB));
            jfif.appendChild(icc);
            metadata.setFromTree(format, tree);
            return write(writer, rgb, metadata, param);
        } catch (IIOInvalidTreeException e) {
            throw new IllegalStateException("the JPEG writer refused JFIF density metadata", e);
        } finally {
            writer.dispose();
        }
    }

    /**
     * A one-page PDF whose MediaBox and BleedBox are the whole image (trim plus bleed), TrimBox the finished size
     * and ArtBox the safe area; the image is embedded as a JPEG at the page's full size.
     */
    public static byte[] pdf(BufferedImage rgb, double trimWidthInches, double trimHeightInches,
                             double bleedInches, double safeInches) {
        float points = 72f;
        float width = (float) ((trimWidthInches + 2 * bleedInches) * points);
        float height = (float) ((trimHeightInches + 2 * bleedInches) * points);
        float bleed = (float) (bleedInches * points);
        float safe = (float) ((bleedInches + safeInches) * points);
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDRectangle media = new PDRectangle(width, height);
            PDPage page = new PDPage(media);
            page.setBleedBox(new PDRectangle(0, 0, width, height));
            page.setTrimBox(new PDRectangle(bleed, bleed, width - 2 * bleed, height - 2 * bleed));
            page.setArtBox(new PDRectangle(safe, safe, width - 2 * safe, height - 2 * safe));
            document.addPage(page);
            PDOutputIntent intent = new PDOutputIntent(document,
                    new ByteArrayInputStream(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
            intent.setInfo("sRGB IEC61966-2.1");
            intent.setOutputCondition("sRGB IEC61966-2.1");
            intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
            intent.setRegistryName("http://www.color.org");
            document.getDocumentCatalog().addOutputIntent(intent);
            PDImageXObject image = JPEGFactory.createFromImage(document, rgb, JPEG_QUALITY);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(image, 0, 0, width, height);
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the print PDF", e);
        }
    }

    private static byte[] write(ImageWriter writer, BufferedImage image, IIOMetadata metadata, ImageWriteParam param) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a print file", e);
        }
        return bytes.toByteArray();
    }
}
