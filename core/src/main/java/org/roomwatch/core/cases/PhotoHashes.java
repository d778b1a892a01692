package org.roomwatch.core.cases;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hashes of one photo as the browser computed them: PDQ (64 hex digits) with its quality, MD5 and SHA-256 of the
 * file's bytes. The label is what the case calls the photo ("사진 1"), never its file name, which may carry a name.
 */
public record PhotoHashes(String label, String pdq, int quality, String md5, String sha256) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    /** Below this PDQ quality a hash is too weak to match near-duplicates on (the reference's advice). */
    public static final int MIN_QUALITY = 50;

    public PhotoHashes {
        pdq = lower(pdq);
        md5 = lower(md5);
        sha256 = lower(sha256);
        if (!HEX64.matcher(pdq).matches()) {
            throw new IllegalArgumentException("pdq must be 64 hex digits, got '" + pdq + "'");
        }
        if (quality < 0 || quality > 100) {
            throw new IllegalArgumentException("quality must be within 0..100, got " + quality);
        }
        if (!HEX32.matcher(md5).matches()) {
            throw new IllegalArgumentException("md5 must be 32 hex digits, got '" + md5 + "'");
        }
        if (!HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits, got '" + sha256 + "'");
        }
    }

    /** Strong enough for near-duplicate matching. */
    public boolean matchable() {
        return quality >= MIN_QUALITY;
    }

    private static String lower(String hex) {
        return hex == null ? "" : hex.strip().toLowerCase(Locale.ROOT);
    }
}
