package org.roomwatch.core.config;

/**
 * Images: fetched into memory, hashed, dropped. Limits apply before anything is decoded.
 *
 * @param hashImages        fetch and hash the photos crawled posts carry
 * @param maxImageBytes     images larger than this are not fetched past the cap nor decoded
 * @param maxImagePixels    images whose header declares more pixels than this are not decoded (decompression bombs)
 * @param nearDuplicateMethod how near-duplicate search runs: {@code mih} (multi-index hashing on 16-bit chunks) or
 *                          {@code flat} (exact scan of a bit vector field); both are exact
 */
public record MediaConfig(boolean hashImages, long maxImageBytes, long maxImagePixels, String nearDuplicateMethod) {
    public MediaConfig {
        Check.atLeast("media.maxImageBytes", maxImageBytes, 1024);
        Check.atLeast("media.maxImagePixels", maxImagePixels, 1);
        nearDuplicateMethod = Check.required("media.nearDuplicateMethod", nearDuplicateMethod);
        if (!nearDuplicateMethod.equals("mih") && !nearDuplicateMethod.equals("flat")) {
            throw new IllegalArgumentException("media.nearDuplicateMethod must be mih or flat, got " + nearDuplicateMethod);
        }
    }
}
