package org.roomwatch.media;

import java.nio.charset.StandardCharsets;

/** The image formats roomwatch decodes, recognised by their first bytes, not by a name or a declared type. */
public enum ImageFormat {
    JPEG("jpeg"), PNG("png"), GIF("gif"), WEBP("webp");

    private final String imageIoName;

    ImageFormat(String imageIoName) {
        this.imageIoName = imageIoName;
    }

    public String imageIoName() {
        return imageIoName;
    }

    /** The format the bytes start with, or null. */
    public static ImageFormat sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return JPEG;
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
            return PNG;
        }
        if (b.length >= 6 && startsWith(b, 0, "GIF8") && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
            return GIF;
        }
        if (b.length >= 12 && startsWith(b, 0, "RIFF") && startsWith(b, 8, "WEBP")) {
            return WEBP;
        }
        return null;
    }

    /** A few words on what non-image bytes look like, for the refusal message (never the bytes themselves). */
    static String describeNonImage(byte[] b) {
        int i = 0;
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < b.length && i < 512 && Character.isWhitespace(b[i])) {
            i++;
        }
        if (i < b.length && b[i] == '<') {
            return "it looks like HTML or XML (an error page served as an image?)";
        }
        if (i < b.length && (b[i] == '{' || b[i] == '[')) {
            return "it looks like JSON";
        }
        if (startsWith(b, 0, "%PDF")) {
            return "it is a PDF";
        }
        if (b.length >= 12 && startsWith(b, 4, "ftyp")) {
            return "it looks like an MP4/MOV/HEIC container, which is not decoded as an image";
        }
        return "its first bytes match no supported image format (JPEG, PNG, GIF, WebP)";
    }

    private static boolean startsWith(byte[] b, int offset, String ascii) {
        byte[] expected = ascii.getBytes(StandardCharsets.US_ASCII);
        if (b.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (b[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
