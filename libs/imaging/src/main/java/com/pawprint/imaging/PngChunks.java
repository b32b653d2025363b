package com.pawprint.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * PNG's framing, shared by {@link PngWriter}, {@link PngTextReader} and {@link PngColorProfile}: signature, chunk
 * layout, its CRC, and the zlib streams of compressed chunks.
 */
final class PngChunks {

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** Length, type and CRC around a chunk's data. */
    static final int OVERHEAD = 12;

    private PngChunks() {
    }

    static void write(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        out.writeBytes(length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] checksum = new byte[4];
        putInt(checksum, 0, (int) crc.getValue());
        out.writeBytes(checksum);
    }

    /** The CRC a chunk should carry: over its type and data, which start at {@code typeOffset}. */
    static int crc(byte[] png, int typeOffset, int dataLength) {
        CRC32 crc = new CRC32();
        crc.update(png, typeOffset, 4 + dataLength);
        return (int) crc.getValue();
    }

    static void putInt(byte[] target, int offset, int value) {
        target[offset] = (byte) (value >>> 24);
        target[offset + 1] = (byte) (value >>> 16);
        target[offset + 2] = (byte) (value >>> 8);
        target[offset + 3] = (byte) value;
    }

    static int readInt(byte[] source, int offset) {
        return (source[offset] & 0xFF) << 24 | (source[offset + 1] & 0xFF) << 16 | (source[offset + 2] & 0xFF) << 8
                | (source[offset + 3] & 0xFF);
    }

    /** Inflates a zlib stream, refusing one that would grow past {@code maxBytes} (a zip bomb, or not worth it). */
    static byte[] inflate(byte[] data, int offset, int length, int maxBytes) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data, offset, length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("incomplete zlib data");
                }
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw new DataFormatException("inflates to over " + maxBytes + " bytes");
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}
