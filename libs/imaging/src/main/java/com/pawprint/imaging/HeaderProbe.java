package com.pawprint.imaging;

import java.nio.charset.StandardCharsets;

/**
 * Identifies the format and reads the dimensions and EXIF orientation from a file's header alone, touching no
 * compressed pixel data. This is what lets a decompression bomb (a few kilobytes claiming 30000x30000) be refused
 * in microseconds and with no allocation beyond the input.
 */
public final class HeaderProbe {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] EXIF_PREFIX = {'E', 'x', 'i', 'f', 0, 0};
    private static final int WEBP_ANIMATION_FLAG = 0x02;

    private HeaderProbe() {
    }

    public static Outcome<ImageHeader> probe(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Outcome.rejected(RejectionReason.EMPTY, "The file is empty (0 bytes).");
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return probeJpeg(bytes);
        }
        if (startsWith(bytes, 0, PNG_SIGNATURE)) {
            return probePng(bytes);
        }
        if (startsWithAscii(bytes, 0, "RIFF") && startsWithAscii(bytes, 8, "WEBP")) {
            return probeWebp(bytes);
        }
        String other = otherImageFormat(bytes);
        if (other != null) {
            return Outcome.rejected(RejectionReason.UNSUPPORTED_FORMAT,
                    "The file is a " + other + " image; only JPEG, PNG and WebP are accepted.");
        }
        if (bytes.length < 12 && (startsWith(bytes, 0, new byte[] {(byte) 0xFF, (byte) 0xD8})
                || startsWith(bytes, 0, new byte[] {(byte) 0x89, 'P', 'N'}) || startsWithAscii(bytes, 0, "RIFF"))) {
            return truncated("the file ends inside its signature");
        }
        return Outcome.rejected(RejectionReason.NOT_AN_IMAGE,
                "The file is not an image (no JPEG, PNG or WebP signature).");
    }

    private static Outcome<ImageHeader> probeJpeg(byte[] b) {
        Orientation orientation = Orientation.NORMAL;
        int pos = 2;
        while (true) {
            if (pos >= b.length) {
                return truncated("the JPEG ends before its frame header");
            }
            if ((b[pos] & 0xFF) != 0xFF) {
                return corrupt("the JPEG has garbage where a marker belongs, at byte " + pos);
            }
            while (pos < b.length && (b[pos] & 0xFF) == 0xFF) {
                pos++;
            }
            if (pos >= b.length) {
                return truncated("the JPEG ends before its frame header");
            }
            int marker = b[pos++] & 0xFF;
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                return corrupt("the JPEG has no frame header before its image data");
            }
            if (pos + 2 > b.length) {
                return truncated("the JPEG ends inside a segment header");
            }
            int length = (b[pos] & 0xFF) << 8 | (b[pos + 1] & 0xFF);
            if (length < 2) {
                return corrupt("the JPEG has a segment of impossible length " + length);
            }
            int payload = pos + 2;
            int payloadLength = length - 2;
            if (payload + payloadLength > b.length) {
                return truncated("the JPEG ends inside a header segment");
            }
            if (marker == 0xE1 && payloadLength > EXIF_PREFIX.length && startsWith(b, payload, EXIF_PREFIX)) {
                orientation = TiffOrientation.read(b, payload + EXIF_PREFIX.length, payloadLength - EXIF_PREFIX.length);
            }
            if (isStartOfFrame(marker)) {
                if (payloadLength < 6) {
                    return corrupt("the JPEG frame header is too short");
                }
                int height = (b[payload + 1] & 0xFF) << 8 | (b[payload + 2] & 0xFF);
                int width = (b[payload + 3] & 0xFF) << 8 | (b[payload + 4] & 0xFF);
                return header(ImageFormat.JPEG, width, height, orientation);
            }
            pos = payload + payloadLength;
        }
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static Outcome<ImageHeader> probePng(byte[] b) {
        if (b.length < 33) {
            return truncated("the PNG ends before its IHDR chunk is complete");
        }
        if (be32(b, 8) != 13 || !startsWithAscii(b, 12, "IHDR")) {
            return corrupt("the PNG does not start with an IHDR chunk");
        }
        long width = be32(b, 16);
        long height = be32(b, 20);
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            return Outcome.rejected(RejectionReason.TOO_LARGE_DIMENSIONS,
                    "The PNG claims " + width + "x" + height + " pixels.");
        }
        Orientation orientation = Orientation.NORMAL;
        int pos = 33;
        while (pos + 8 <= b.length) {
            long length = be32(b, pos);
            if (startsWithAscii(b, pos + 4, "IDAT") || length > b.length) {
                break;
            }
            if (startsWithAscii(b, pos + 4, "eXIf")) {
                orientation = TiffOrientation.read(b, pos + 8, (int) length);
                break;
            }
            pos += 12 + (int) length;
        }
        return header(ImageFormat.PNG, (int) width, (int) height, orientation);
    }

    private static Outcome<ImageHeader> probeWebp(byte[] b) {
        if (b.length < 30) {
            return truncated("the WebP ends before its first chunk header is complete");
        }
        if (startsWithAscii(b, 12, "VP8 ")) {
            if ((b[23] & 0xFF) != 0x9D || (b[24] & 0xFF) != 0x01 || (b[25] & 0xFF) != 0x2A) {
                return corrupt("the WebP VP8 frame has no start code");
            }
            int width = le16(b, 26) & 0x3FFF;
            int height = le16(b, 28) & 0x3FFF;
            return header(ImageFormat.WEBP, width, height, Orientation.NORMAL);
        }
        if (startsWithAscii(b, 12, "VP8L")) {
            if ((b[20] & 0xFF) != 0x2F) {
                return corrupt("the WebP VP8L bitstream has no signature");
            }
            int bits = (b[21] & 0xFF) | (b[22] & 0xFF) << 8 | (b[23] & 0xFF) << 16 | (b[24] & 0xFF) << 24;
            return header(ImageFormat.WEBP, (bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1, Orientation.NORMAL);
        }
        if (startsWithAscii(b, 12, "VP8X")) {
            if ((b[20] & WEBP_ANIMATION_FLAG) != 0) {
                return Outcome.rejected(RejectionReason.UNSUPPORTED_FORMAT,
                        "The file is an animated WebP; only still images are accepted.");
            }
            int width = le24(b, 24) + 1;
            int height = le24(b, 27) + 1;
            return header(ImageFormat.WEBP, width, height, webpOrientation(b));
        }
        return corrupt("the WebP has no VP8, VP8L or VP8X chunk first");
    }

    private static Orientation webpOrientation(byte[] b) {
        int pos = 12;
        while (pos + 8 <= b.length) {
            long size = le32(b, pos + 4);
            if (size > b.length) {
                break;
            }
            if (startsWithAscii(b, pos, "EXIF")) {
                int data = pos + 8;
                int length = (int) size;
                if (startsWith(b, data, EXIF_PREFIX)) {
                    data += EXIF_PREFIX.length;
                    length -= EXIF_PREFIX.length;
                }
                return TiffOrientation.read(b, data, length);
            }
            pos += 8 + (int) size + (int) (size & 1);
        }
        return Orientation.NORMAL;
    }

    private static String otherImageFormat(byte[] b) {
        if (startsWithAscii(b, 0, "GIF87a") || startsWithAscii(b, 0, "GIF89a")) {
            return "GIF";
        }
        if (b.length >= 26 && startsWithAscii(b, 0, "BM") && be32(b, 6) == 0) {
            return "BMP";
        }
        if (startsWith(b, 0, new byte[] {'I', 'I', 42, 0}) || startsWith(b, 0, new byte[] {'M', 'M', 0, 42})) {
            return "TIFF";
        }
        if (startsWithAscii(b, 0, "8BPS")) {
            return "Photoshop";
        }
        if (startsWith(b, 0, new byte[] {(byte) 0xFF, 0x0A})
                || startsWith(b, 4, "JXL ".getBytes(StandardCharsets.US_ASCII))) {
            return "JPEG XL";
        }
        if (startsWithAscii(b, 4, "ftyp") && b.length >= 12) {
            String brand = new String(b, 8, 4, StandardCharsets.US_ASCII);
            return switch (brand) {
                case "heic", "heix", "hevc", "heim", "heis", "mif1", "msf1" -> "HEIC/HEIF";
                case "avif", "avis" -> "AVIF";
                default -> null;
            };
        }
        return null;
    }

    private static Outcome<ImageHeader> header(ImageFormat format, int width, int height, Orientation orientation) {
        if (width <= 0 || height <= 0) {
            return corrupt("the " + format + " header declares " + width + "x" + height + " pixels");
        }
        return Outcome.ok(new ImageHeader(format, width, height, orientation));
    }

    private static Outcome<ImageHeader> truncated(String detail) {
        return Outcome.rejected(RejectionReason.TRUNCATED, "The file is truncated: " + detail + ".");
    }

    private static Outcome<ImageHeader> corrupt(String detail) {
        return Outcome.rejected(RejectionReason.CORRUPT, "The file is damaged: " + detail + ".");
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithAscii(byte[] b, int at, String prefix) {
        return startsWith(b, at, prefix.getBytes(StandardCharsets.US_ASCII));
    }

    private static long be32(byte[] b, int at) {
        return (long) (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static long le32(byte[] b, int at) {
        return (long) (b[at + 3] & 0xFF) << 24 | (b[at + 2] & 0xFF) << 16 | (b[at + 1] & 0xFF) << 8 | (b[at] & 0xFF);
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int le24(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16;
    }
}
