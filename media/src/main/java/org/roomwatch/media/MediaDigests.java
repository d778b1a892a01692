package org.roomwatch.media;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5 and SHA-256 of bytes exactly as fetched, lower-case hex (the forms hash lists such as StopNCII's use). */
public record MediaDigests(String md5, String sha256) {
    public static MediaDigests of(byte[] bytes) {
        return new MediaDigests(hex("MD5", bytes), hex("SHA-256", bytes));
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
