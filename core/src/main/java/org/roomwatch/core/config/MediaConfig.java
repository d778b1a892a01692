package org.roomwatch.core.config;

/**
 * Images: fetched into memory, hashed, dropped. Limits apply before anything is decoded.
 *
 * @param hashImages        fetch and hash the photos crawled posts carry
 * @param maxImageBytes     images larger than this are not fetched past the cap nor decoded
 * @param maxImagePixels    images whose header declares more pixels than this are not decoded (decompression bombs)
 * @param nearDuplicateMethod how near-duplicate search runs, all exact: {@code mih} (16-bit chunk terms, distances
 *                          checked by roomwatch), {@code flat} (the node scans every bit vector) or {@code mih-flat}
 *                          (chunk terms filter, the node checks distances on those vectors only)
 */
public record MediaConfig(boolean hashImages, long maxImageBytes, long maxImagePixels, String nearDuplicateMethod) {
    public MediaConfig {
        Check.atLeast("media.maxImageBytes", maxImageBytes, 1024);
        Check.atLeast("media.maxImagePixels", maxImagePixels, 1);
        nearDuplicateMethod = Check.required("media.nearDuplicateMethod", nearDuplicateMethod);
        if (!java.util.Set.of("mih", "flat", "mih-flat").contains(nearDuplicateMethod)) {
            throw new IllegalArgumentException("media.nearDuplicateMethod must be mih, flat or mih-flat, got " + nearDuplicateMethod);
        }
    }
}
