package com.pawprint.imaging;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Generated images and hand-built file structures whose right answers are known. */
final class TestImages {

    private TestImages() {
    }

    /** A photo-like image: gradient, shapes and fine grain, sharp at any analysis size. */
    static BufferedImage detailed(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt()), width, height,
                new Color(random.nextInt())));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(random.nextInt()));
            int w = 10 + random.nextInt(width / 3);
            int h = 10 + random.nextInt(height / 3);
            if (random.nextBoolean()) {
                g.fillOval(random.nextInt(width), random.nextInt(height), w, h);
            } else {
                g.fillRect(random.nextInt(width), random.nextInt(height), w, h);
            }
        }
        g.dispose();
        int[] pixels = Resampler.pixels(image);
        for (int i = 0; i < pixels.length; i++) {
            int grain = random.nextInt(41) - 20;
            int p = pixels[i];
            pixels[i] = clamp(((p >> 16) & 0xFF) + grain) << 16 | clamp(((p >> 8) & 0xFF) + grain) << 8
                    | clamp((p & 0xFF) + grain);
        }
        return image;
    }

    static BufferedImage solid(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** A strongly blurred copy: down to 1/16 with an area filter and back up with bilinear interpolation. */
    static BufferedImage blurred(BufferedImage image) {
        BufferedImage small = Resampler.resize(image, image.getWidth() / 16, image.getHeight() / 16,
                ResampleFilter.BOX);
        BufferedImage blurred = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = blurred.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, 0, 0, image.getWidth(), image.getHeight(), null);
        g.dispose();
        return blurred;
    }

    static byte[] jpeg(BufferedImage image) {
        return JpegEncoder.encode(image, 0.92f);
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Inserts a segment right after the JPEG's SOI marker. */
    static byte[] withJpegSegment(byte[] jpeg, int marker, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(marker);
        int length = payload.length + 2;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(payload, 0, payload.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /**
     * An APP1 "Exif" payload (big-endian TIFF) whose IFD0 holds the orientation, a camera make and a pointer to a
     * GPS IFD with a latitude, the kind of private data that must never leave the gate.
     */
    static byte[] exifPayload(int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(200).order(ByteOrder.BIG_ENDIAN);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        int ifd0Entries = 3;
        int gpsIfdOffset = 8 + 2 + ifd0Entries * 12 + 4;
        int makeOffset = gpsIfdOffset + 2 + 2 * 12 + 4;
        int latitudeOffset = makeOffset + 8;
        tiff.putShort((short) ifd0Entries);
        tiff.putShort((short) 0x010F).putShort((short) 2).putInt(8).putInt(makeOffset);        // Make, ASCII
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsIfdOffset);      // GPS IFD pointer
        tiff.putInt(0);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put("N\0".getBytes(StandardCharsets.US_ASCII))
                .putShort((short) 0);                                                          // GPSLatitudeRef
        tiff.putShort((short) 0x0002).putShort((short) 5).putInt(3).putInt(latitudeOffset);    // GPSLatitude
        tiff.putInt(0);
        tiff.put("PawCam\0\0".getBytes(StandardCharsets.US_ASCII));
        tiff.putInt(48).putInt(1).putInt(51).putInt(1).putInt(2400).putInt(100);               // 48 51 24.00
        byte[] body = new byte[tiff.position()];
        tiff.flip().get(body);
        byte[] payload = new byte[6 + body.length];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, payload, 0, 6);
        System.arraycopy(body, 0, payload, 6, body.length);
        return payload;
    }

    static byte[] jpegWithExif(BufferedImage image, int orientation) {
        return withJpegSegment(jpeg(image), 0xE1, exifPayload(orientation));
    }

    /** A PNG chunk with a correct CRC. */
    static byte[] pngChunk(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        chunk.put(typeBytes).put(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        chunk.putInt((int) crc.getValue());
        return chunk.array();
    }

    /** A PNG whose header claims {@code width} x {@code height} followed by a few KB of zlib data. */
    static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
        ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        out.writeBytes(pngChunk("IHDR", ihdr.array()));
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[1 << 22]);
        deflater.finish();
        byte[] compressed = new byte[1 << 16];
        int length = deflater.deflate(compressed);
        deflater.end();
        out.writeBytes(pngChunk("IDAT", Arrays.copyOf(compressed, length)));
        out.writeBytes(pngChunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** Inserts a chunk right after IHDR. */
    static byte[] withPngChunk(byte[] png, String type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        out.writeBytes(pngChunk(type, data));
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static boolean contains(byte[] haystack, String needle) {
        return contains(haystack, needle.getBytes(StandardCharsets.US_ASCII));
    }

    static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }
}
