package com.pawprint.imaging;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;

/**
 * Reads a PNG's text chunks ({@code tEXt}, {@code zTXt}, {@code iTXt}) wherever they stand, before or after the
 * image data, checking each one's CRC; pixels are not decoded. A1111's generation parameters are the text of the
 * {@code parameters} keyword.
 */
public final class PngTextReader {

    /** A1111's parameters are a few KB; a compressed chunk growing past this is a zip bomb, not metadata. */
    private static final int MAX_TEXT_BYTES = 8 << 20;

    private PngTextReader() {
    }

    /**
     * Every text chunk in file order.
     *
     * @throws IllegalArgumentException when the bytes are not a PNG, are cut short, or a text chunk fails its CRC
     *                                  or cannot be decoded
     */
    public static List<PngTextChunk> read(byte[] png) {
        if (png.length < PngChunks.SIGNATURE.length
                || !Arrays.equals(png, 0, PngChunks.SIGNATURE.length, PngChunks.SIGNATURE, 0,
                        PngChunks.SIGNATURE.length)) {
            throw new IllegalArgumentException("not a PNG: the signature is missing");
        }
        List<PngTextChunk> chunks = new ArrayList<>();
        int pos = PngChunks.SIGNATURE.length;
        while (true) {
            if (pos + 8 > png.length) {
                throw new IllegalArgumentException("PNG cut short at byte " + pos + ", before its IEND chunk");
            }
            long length = PngChunks.readInt(png, pos) & 0xFFFFFFFFL;
            String type = new String(png, pos + 4, 4, StandardCharsets.US_ASCII);
            if (pos + PngChunks.OVERHEAD + length > png.length) {
                throw new IllegalArgumentException("PNG cut short in its " + type + " chunk at byte " + pos);
            }
            if (type.equals("IEND")) {
                return chunks;
            }
            if (type.equals("tEXt") || type.equals("zTXt") || type.equals("iTXt")) {
                int stored = PngChunks.readInt(png, pos + 8 + (int) length);
                if (stored != PngChunks.crc(png, pos + 4, (int) length)) {
                    throw new IllegalArgumentException("the " + type + " chunk at byte " + pos + " fails its CRC");
                }
                byte[] data = Arrays.copyOfRange(png, pos + 8, pos + 8 + (int) length);
                chunks.add(decode(type, data, pos));
            }
            pos += PngChunks.OVERHEAD + (int) length;
        }
    }

    /** The text of the first chunk with {@code keyword}, as Pillow's {@code Image.info[keyword]} reads it. */
    public static Optional<String> text(byte[] png, String keyword) {
        return read(png).stream().filter(chunk -> chunk.keyword().equals(keyword)).map(PngTextChunk::text)
                .findFirst();
    }

    private static PngTextChunk decode(String type, byte[] data, int pos) {
        Fields fields = new Fields(type, data, pos);
        String keyword = fields.untilNul(StandardCharsets.ISO_8859_1);
        return switch (type) {
            case "tEXt" -> new PngTextChunk(type, keyword, fields.rest(false, StandardCharsets.ISO_8859_1));
            case "zTXt" -> {
                fields.compressionMethod();
                yield new PngTextChunk(type, keyword, fields.rest(true, StandardCharsets.ISO_8859_1));
            }
            default -> {
                boolean compressed = fields.flag();
                fields.compressionMethod();
                fields.untilNul(StandardCharsets.US_ASCII);
                fields.untilNul(StandardCharsets.UTF_8);
                yield new PngTextChunk(type, keyword, fields.rest(compressed, StandardCharsets.UTF_8));
            }
        };
    }

    /** A cursor over one text chunk's fields. */
    private static final class Fields {
        private final String type;
        private final byte[] data;
        private final int chunkStart;
        private int at;

        Fields(String type, byte[] data, int chunkStart) {
            this.type = type;
            this.data = data;
            this.chunkStart = chunkStart;
        }

        String untilNul(Charset charset) {
            int end = at;
            while (end < data.length && data[end] != 0) {
                end++;
            }
            if (end == data.length) {
                throw malformed("a field lacks its NUL separator");
            }
            String field = new String(data, at, end - at, charset);
            at = end + 1;
            return field;
        }

        boolean flag() {
            return switch (nextByte()) {
                case 0 -> false;
                case 1 -> true;
                default -> throw malformed("the compression flag is neither 0 nor 1");
            };
        }

        void compressionMethod() {
            if (nextByte() != 0) {
                throw malformed("unknown compression method (only 0, zlib, exists)");
            }
        }

        String rest(boolean compressed, Charset charset) {
            if (!compressed) {
                return new String(data, at, data.length - at, charset);
            }
            try {
                return new String(PngChunks.inflate(data, at, data.length - at, MAX_TEXT_BYTES), charset);
            } catch (DataFormatException e) {
                throw malformed("its text does not inflate: " + e.getMessage());
            }
        }

        private int nextByte() {
            if (at >= data.length) {
                throw malformed("it ends before its compression fields");
            }
            return data[at++] & 0xFF;
        }

        private IllegalArgumentException malformed(String why) {
            return new IllegalArgumentException("the " + type + " chunk at byte " + chunkStart + " is malformed: "
                    + why);
        }
    }
}
