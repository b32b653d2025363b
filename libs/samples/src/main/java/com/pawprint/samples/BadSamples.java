package com.pawprint.samples;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.RescaleOp;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Inputs an upload must refuse, each made from a good sample or from scratch. */
public final class BadSamples {

    private BadSamples() {
    }

    /** An out-of-focus copy: three box-blur passes (close to a Gaussian) of the given radius in pixels. */
    public static BufferedImage blurred(BufferedImage image, int radius) {
        BufferedImage copy = copy(image);
        int[] pixels = ((DataBufferInt) copy.getRaster().getDataBuffer()).getData();
        int width = copy.getWidth();
        int height = copy.getHeight();
        int[] scratch = new int[pixels.length];
        for (int pass = 0; pass < 3; pass++) {
            boxBlur(pixels, scratch, width, height, radius, true);
            boxBlur(scratch, pixels, width, height, radius, false);
        }
        return copy;
    }

    /** The image shrunk so its long side is {@code longSide} pixels: far below the 512 px a photo needs. */
    public static BufferedImage tiny(BufferedImage image, int longSide) {
        double scale = (double) longSide / Math.max(image.getWidth(), image.getHeight());
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return small;
    }

    /** The first {@code fraction} of a file, as an interrupted upload leaves it. */
    public static byte[] truncated(byte[] file, double fraction) {
        return Arrays.copyOf(file, (int) (file.length * fraction));
    }

    /**
     * A valid PNG of a few kilobytes whose header claims {@code width} x {@code height} pixels, with a real
     * (short) zlib stream of zeros as image data and correct CRCs: a decoder that trusts the header allocates
     * gigabytes.
     */
    public static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height);
        header.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        out.writeBytes(pngChunk("IHDR", header.array()));
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(new byte[4 << 20]);
        deflater.finish();
        byte[] compressed = new byte[64 << 10];
        int length = deflater.deflate(compressed);
        deflater.end();
        out.writeBytes(pngChunk("IDAT", Arrays.copyOf(compressed, length)));
        out.writeBytes(pngChunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** Text that is not an image of any kind. */
    public static byte[] notAnImage() {
        return "name,species,age\nMochi,cat,3\nRex,dog,5\n".getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] empty() {
        return new byte[0];
    }

    /**
     * The same photo taken a moment later: a few percent cropped off the edges and slightly brighter. A
     * perceptual hash must find it close to the original.
     */
    public static BufferedImage nearDuplicate(BufferedImage image, long seed) {
        Random random = new Random(seed);
        int width = image.getWidth();
        int height = image.getHeight();
        int left = (int) (width * (0.01 + 0.02 * random.nextDouble()));
        int top = (int) (height * (0.01 + 0.02 * random.nextDouble()));
        int right = (int) (width * (0.01 + 0.02 * random.nextDouble()));
        int bottom = (int) (height * (0.01 + 0.02 * random.nextDouble()));
        BufferedImage cropped = copy(image.getSubimage(left, top, width - left - right, height - top - bottom));
        float gain = 1.04f + 0.04f * random.nextFloat();
        return new RescaleOp(gain, 4f, null).filter(cropped, null);
    }

    static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    private static BufferedImage copy(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = copy.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return copy;
    }

    private static void boxBlur(int[] in, int[] out, int width, int height, int radius, boolean horizontal) {
        int lines = horizontal ? height : width;
        int length = horizontal ? width : height;
        int step = horizontal ? 1 : width;
        int window = 2 * radius + 1;
        for (int line = 0; line < lines; line++) {
            int start = horizontal ? line * width : line;
            int r = 0;
            int g = 0;
            int b = 0;
            for (int k = -radius; k <= radius; k++) {
                int p = in[start + clampIndex(k, length) * step];
                r += (p >> 16) & 0xFF;
                g += (p >> 8) & 0xFF;
                b += p & 0xFF;
            }
            for (int i = 0; i < length; i++) {
                out[start + i * step] = (r / window) << 16 | (g / window) << 8 | (b / window);
                int leaving = in[start + clampIndex(i - radius, length) * step];
                int entering = in[start + clampIndex(i + radius + 1, length) * step];
                r += ((entering >> 16) & 0xFF) - ((leaving >> 16) & 0xFF);
                g += ((entering >> 8) & 0xFF) - ((leaving >> 8) & 0xFF);
                b += (entering & 0xFF) - (leaving & 0xFF);
            }
        }
    }

    private static int clampIndex(int index, int length) {
        return Math.max(0, Math.min(length - 1, index));
    }
}
