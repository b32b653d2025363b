package com.pawprint.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Removes metadata (EXIF with its GPS position, XMP, IPTC, comments, text chunks) from an encoded file without
 * touching the compressed pixels, so an original can be kept losslessly yet privately. What colour needs (ICC
 * profile, the Adobe segment that tells CMYK from YCCK) is kept. Data after the image's end (a second picture a
 * phone appends, with its own EXIF) is dropped.
 *
 * <p>Only for files whose orientation is {@link Orientation#NORMAL}: the orientation lives in EXIF, so a rotated
 * file must be re-encoded from its upright pixels instead.
 */
public final class MetadataStripper {

    private static final byte[] ICC_PROFILE = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    private static final int WEBP_EXIF_FLAG = 0x08;
    private static final int WEBP_XMP_FLAG = 0x04;

    private MetadataStripper() {
    }

    /** The file without metadata; {@code header} must come from {@link HeaderProbe} on the same bytes. */
    public static byte[] strip(byte[] bytes, ImageHeader header) {
        return switch (header.format()) {
            case JPEG -> stripJpeg(bytes);
            case PNG -> stripPng(bytes);
            case WEBP -> stripWebp(bytes);
        };
    }

    private static byte[] stripJpeg(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, 2);
        int pos = 2;
        while (pos + 1 < b.length) {
            if ((b[pos] & 0xFF) != 0xFF) {
                pos = skipEntropyCodedData(b, pos);
                continue;
            }
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            if (marker == 0xD9) {
                out.write(b, pos, 2);
                return out.toByteArray();
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                out.write(b, pos, 2);
                pos += 2;
                continue;
            }
            if (pos + 4 > b.length) {
                break;
            }
            int segmentEnd = Math.min(b.length, pos + 2 + ((b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF)));
            if (keepJpegSegment(b, marker, pos + 4)) {
                out.write(b, pos, segmentEnd - pos);
            }
            pos = segmentEnd;
            if (marker == 0xDA) {
                int dataEnd = skipEntropyCodedData(b, pos);
                out.write(b, pos, dataEnd - pos);
                pos = dataEnd;
            }
        }
        out.write(b, pos, b.length - pos);
        return out.toByteArray();
    }

    /** Index of the next marker after entropy-coded data (0xFF00 is a stuffed byte, RSTn stays inside the data). */
    private static int skipEntropyCodedData(byte[] b, int pos) {
        while (pos + 1 < b.length) {
            if ((b[pos] & 0xFF) == 0xFF) {
                int next = b[pos + 1] & 0xFF;
                if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7) && next != 0xFF) {
                    return pos;
                }
            }
            pos++;
        }
        return b.length;
    }

    private static boolean keepJpegSegment(byte[] b, int marker, int payload) {
        if (marker == 0xFE) {
            return false;
        }
        if (marker == 0xE2) {
            return startsWith(b, payload, ICC_PROFILE);
        }
        if (marker >= 0xE0 && marker <= 0xEF) {
            return marker == 0xE0 || marker == 0xEE;
        }
        return true;
    }

    private static byte[] stripPng(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, 8);
        int pos = 8;
        while (pos + 12 <= b.length) {
            long length = (long) (b[pos] & 0xFF) << 24 | (b[pos + 1] & 0xFF) << 16 | (b[pos + 2] & 0xFF) << 8
                    | (b[pos + 3] & 0xFF);
            int end = (int) Math.min(b.length, pos + 12 + length);
            String type = new String(b, pos + 4, 4, StandardCharsets.US_ASCII);
            if (!isPngMetadata(type)) {
                out.write(b, pos, end - pos);
            }
            pos = end;
            if (type.equals("IEND")) {
                break;
            }
        }
        return out.toByteArray();
    }

    private static boolean isPngMetadata(String type) {
        return switch (type) {
            case "eXIf", "tEXt", "zTXt", "iTXt", "tIME" -> true;
            default -> false;
        };
    }

    private static byte[] stripWebp(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, 12);
        int pos = 12;
        while (pos + 8 <= b.length) {
            long size = (b[pos + 4] & 0xFF) | (b[pos + 5] & 0xFF) << 8 | (b[pos + 6] & 0xFF) << 16
                    | (long) (b[pos + 7] & 0xFF) << 24;
            int end = (int) Math.min(b.length, pos + 8 + size + (size & 1));
            String fourcc = new String(b, pos, 4, StandardCharsets.US_ASCII);
            if (fourcc.equals("VP8X") && pos + 9 <= b.length) {
                byte[] chunk = Arrays.copyOfRange(b, pos, end);
                chunk[8] = (byte) (chunk[8] & ~(WEBP_EXIF_FLAG | WEBP_XMP_FLAG));
                out.write(chunk, 0, chunk.length);
            } else if (!fourcc.equals("EXIF") && !fourcc.equals("XMP ")) {
                out.write(b, pos, end - pos);
            }
            pos = end;
        }
        byte[] stripped = out.toByteArray();
        int riffSize = stripped.length - 8;
        stripped[4] = (byte) riffSize;
        stripped[5] = (byte) (riffSize >>> 8);
        stripped[6] = (byte) (riffSize >>> 16);
        stripped[7] = (byte) (riffSize >>> 24);
        return stripped;
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (at + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
