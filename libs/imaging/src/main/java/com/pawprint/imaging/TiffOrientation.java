package com.pawprint.imaging;

/**
 * Reads the Orientation tag from the IFD0 of a TIFF structure (the payload of a JPEG APP1 "Exif" segment, a PNG
 * eXIf chunk or a WebP EXIF chunk). Malformed data means {@link Orientation#NORMAL}: a broken EXIF block must not
 * cost the user an otherwise good photo.
 */
final class TiffOrientation {

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;
    private static final int IFD_ENTRY_SIZE = 12;

    private TiffOrientation() {
    }

    static Orientation read(byte[] data, int offset, int length) {
        int end = Math.min(data.length, offset + length);
        if (offset < 0 || end - offset < 8) {
            return Orientation.NORMAL;
        }
        boolean littleEndian;
        if (data[offset] == 'I' && data[offset + 1] == 'I') {
            littleEndian = true;
        } else if (data[offset] == 'M' && data[offset + 1] == 'M') {
            littleEndian = false;
        } else {
            return Orientation.NORMAL;
        }
        if (u16(data, offset + 2, littleEndian) != 42) {
            return Orientation.NORMAL;
        }
        long ifd0 = u32(data, offset + 4, littleEndian);
        if (ifd0 < 8 || offset + ifd0 + 2 > end) {
            return Orientation.NORMAL;
        }
        int entries = offset + (int) ifd0;
        int count = u16(data, entries, littleEndian);
        for (int i = 0; i < count; i++) {
            int entry = entries + 2 + i * IFD_ENTRY_SIZE;
            if (entry + IFD_ENTRY_SIZE > end) {
                break;
            }
            if (u16(data, entry, littleEndian) == ORIENTATION_TAG
                    && u16(data, entry + 2, littleEndian) == TYPE_SHORT) {
                return Orientation.fromExif(u16(data, entry + 8, littleEndian));
            }
        }
        return Orientation.NORMAL;
    }

    private static int u16(byte[] data, int at, boolean littleEndian) {
        int a = data[at] & 0xFF;
        int b = data[at + 1] & 0xFF;
        return littleEndian ? a | b << 8 : a << 8 | b;
    }

    private static long u32(byte[] data, int at, boolean littleEndian) {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            int shift = littleEndian ? 8 * i : 8 * (3 - i);
            value |= (long) (data[at + i] & 0xFF) << shift;
        }
        return value;
    }
}
