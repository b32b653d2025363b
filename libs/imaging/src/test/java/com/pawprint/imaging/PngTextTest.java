package com.pawprint.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Text chunks written by {@link PngWriter} and read back by {@link PngTextReader} and by the JDK's PNG reader. */
class PngTextTest {

    private static final String LATIN_1 = "a corgi on a café table\nNegative prompt: blurry\nSteps: 20, Seed: 1";
    private static final String EMOJI = "a shiba 🐕 on a mug";
    private static final String JAPANESE = "桜の下の柴犬、水彩画";

    private final BufferedImage image = TestImages.detailed(64, 48, 9);

    @Test
    void latin1TextIsATextChunkAndOtherTextAnUncompressedUtf8ITxtChunk() {
        byte[] png = PngWriter.defaults().withText("parameters", LATIN_1).withText("emoji", EMOJI)
                .withText("Title", JAPANESE).encode(image);
        assertEquals(List.of(new PngTextChunk("tEXt", "parameters", LATIN_1), new PngTextChunk("iTXt", "emoji", EMOJI),
                new PngTextChunk("iTXt", "Title", JAPANESE)), PngTextReader.read(png));
        assertEquals(Optional.of(JAPANESE), PngTextReader.text(png, "Title"));
        assertEquals(Optional.empty(), PngTextReader.text(png, "Comment"));
        assertTrue(TestImages.contains(png, "parameters\0a corgi on a caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)),
                "tEXt holds Latin-1 bytes, one byte for the é");
        assertTrue(TestImages.contains(png, "Title\0\0\0\0\0桜".getBytes(StandardCharsets.UTF_8)),
                "iTXt: keyword, flag 0, method 0, no language, no translated keyword, UTF-8 text");
    }

    @Test
    void theJdkReaderSeesTheSameTextAndThePixelsAndDpiAreUntouched() throws IOException {
        byte[] png = PngWriter.defaults().withDpi(150).withText("parameters", LATIN_1).withText("Title", JAPANESE)
                .encode(image);
        Element tree = metadata(png);
        Element text = (Element) tree.getElementsByTagName("tEXtEntry").item(0);
        assertEquals("parameters", text.getAttribute("keyword"));
        assertEquals(LATIN_1, text.getAttribute("value"));
        Element international = (Element) tree.getElementsByTagName("iTXtEntry").item(0);
        assertEquals("Title", international.getAttribute("keyword"));
        assertEquals("FALSE", international.getAttribute("compressionFlag"));
        assertEquals(JAPANESE, international.getAttribute("text"));
        Element physical = (Element) tree.getElementsByTagName("pHYs").item(0);
        assertEquals("5906", physical.getAttribute("pixelsPerUnitXAxis"));

        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                assertEquals(image.getRGB(x, y), read.getRGB(x, y));
            }
        }
    }

    @Test
    void readsCompressedTextChunksAndTextAfterTheImageData() throws IOException {
        byte[] plain = PngWriter.defaults().encode(image);
        byte[] withZtxt = TestImages.withPngChunk(plain, "zTXt",
                concat("Comment\0\0".getBytes(StandardCharsets.ISO_8859_1), deflate("déjà vu".getBytes(
                        StandardCharsets.ISO_8859_1))));
        byte[] withItxt = TestImages.withPngChunk(withZtxt, "iTXt",
                concat("Description\0\1\0ja\0説明\0".getBytes(StandardCharsets.UTF_8),
                        deflate(JAPANESE.getBytes(StandardCharsets.UTF_8))));
        byte[] trailing = beforeIend(withItxt, "tEXt",
                "Author\0PawPrint".getBytes(StandardCharsets.ISO_8859_1));

        assertEquals(List.of(new PngTextChunk("iTXt", "Description", JAPANESE),
                new PngTextChunk("zTXt", "Comment", "déjà vu"), new PngTextChunk("tEXt", "Author", "PawPrint")),
                PngTextReader.read(trailing));
    }

    @Test
    void aDamagedOrCutFileIsRefusedWithTheReason() {
        byte[] png = PngWriter.defaults().withText("parameters", LATIN_1).encode(image);
        byte[] flipped = png.clone();
        int textAt = indexOf(png, "parameters".getBytes(StandardCharsets.US_ASCII));
        flipped[textAt + 12] ^= 1;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PngTextReader.read(flipped)).getMessage()
                .contains("fails its CRC"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PngTextReader.read(Arrays.copyOf(png, textAt + 5))).getMessage().contains("cut short"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PngTextReader.read(Arrays.copyOf(png, png.length - 12))).getMessage().contains("cut short"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PngTextReader.read(TestImages.jpeg(image))).getMessage().contains("not a PNG"));
        byte[] badMethod = TestImages.withPngChunk(PngWriter.defaults().encode(image), "zTXt",
                "Comment\0\7xx".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PngTextReader.read(badMethod)).getMessage()
                .contains("compression method"));
    }

    @Test
    void keywordsFollowThePngRulesAndTextHoldsNoNul() {
        PngWriter writer = PngWriter.defaults();
        List<String> broken = List.of("", " parameters", "two  spaces", "x".repeat(80), "パラメータ", "tab\tkey");
        for (String keyword : broken) {
            assertThrows(IllegalArgumentException.class, () -> writer.withText(keyword, "text"), keyword);
        }
        assertThrows(IllegalArgumentException.class, () -> writer.withText("parameters", "a\0b"));
        assertEquals("second", PngTextReader.text(writer.withText("k", "first").withText("k", "second")
                .encode(image), "k").orElseThrow(), "a keyword given again replaces its text");
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

    private static byte[] deflate(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(out)) {
            zlib.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    /** {@code png} with one more chunk just before IEND, after the image data. */
    private static byte[] beforeIend(byte[] png, String type, byte[] data) {
        int iend = png.length - PngChunks.OVERHEAD;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, iend);
        out.writeBytes(TestImages.pngChunk(type, data));
        out.write(png, iend, PngChunks.OVERHEAD);
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
