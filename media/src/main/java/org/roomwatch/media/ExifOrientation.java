package org.roomwatch.media;

/**
 * Reads the EXIF orientation tag (0x0112) from a JPEG's APP1 segment, and applies an orientation to luma. Phones
 * store photos sideways and set this tag; hashing before rotating would make a victim's photo and a screenshot of
 * it differ completely.
 */
public final class ExifOrientation {
    private ExifOrientation() {}

    /** Orientation 1..8 from the JPEG's EXIF, 1 when there is none or it cannot be read. Never throws. */
    public static int ofJpeg(byte[] jpeg) {
        try {
            int i = 2;
            while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xFF) {
                int marker = jpeg[i + 1] & 0xff;
                if (marker == 0xDA || marker == 0xD9) {
                    return 1; // start of scan: no metadata segments after this
                }
                int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
                if (length < 2) {
                    return 1;
                }
                int body = i + 4;
                if (marker == 0xE1 && length >= 8 && body + 6 <= jpeg.length
                        && jpeg[body] == 'E' && jpeg[body + 1] == 'x' && jpeg[body + 2] == 'i' && jpeg[body + 3] == 'f'
                        && jpeg[body + 4] == 0 && jpeg[body + 5] == 0) {
                    return fromTiff(jpeg, body + 6, Math.min(jpeg.length, i + 2 + length));
                }
                i += 2 + length;
            }
        } catch (RuntimeException e) {
            // a malformed segment: treat as no orientation
        }
        return 1;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return 1;
        }
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        boolean big = b[tiff] == 'M' && b[tiff + 1] == 'M';
        if (!little && !big) {
            return 1;
        }
        int ifd = tiff + u32(b, tiff + 4, little);
        if (ifd + 2 > end || ifd < tiff) {
            return 1;
        }
        int entries = u16(b, ifd, little);
        for (int e = 0; e < entries; e++) {
            int entry = ifd + 2 + e * 12;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == 0x0112) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int x = b[at] & 0xff;
        int y = b[at + 1] & 0xff;
        return little ? (y << 8) | x : (x << 8) | y;
    }

    private static int u32(byte[] b, int at, boolean little) {
        return little ? (u16(b, at + 2, true) << 16) | u16(b, at, true) : (u16(b, at, false) << 16) | u16(b, at + 2, false);
    }

    /** Luma of {@code width x height} as it should be displayed under {@code orientation}. */
    public static Oriented apply(float[] luma, int width, int height, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return new Oriented(luma, width, height);
        }
        boolean swap = orientation >= 5;
        int outWidth = swap ? height : width;
        int outHeight = swap ? width : height;
        float[] out = new float[luma.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int dx;
                int dy;
                switch (orientation) {
                    case 2 -> { dx = width - 1 - x; dy = y; }
                    case 3 -> { dx = width - 1 - x; dy = height - 1 - y; }
                    case 4 -> { dx = x; dy = height - 1 - y; }
                    case 5 -> { dx = y; dy = x; }
                    case 6 -> { dx = height - 1 - y; dy = x; }
                    case 7 -> { dx = height - 1 - y; dy = width - 1 - x; }
                    default -> { dx = y; dy = width - 1 - x; }
                }
                out[dy * outWidth + dx] = luma[y * width + x];
            }
        }
        return new Oriented(out, outWidth, outHeight);
    }

    public record Oriented(float[] luma, int width, int height) {}
}
