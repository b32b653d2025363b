package com.pawprint.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** PNG's framing, shared by {@link PngWriter} and {@link PngTextReader}: signature, chunk layout and its CRC. */
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
}
