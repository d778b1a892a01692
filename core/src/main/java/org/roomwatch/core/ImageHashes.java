package org.roomwatch.core;

import java.util.Objects;

/**
 * What is kept of a fetched image: digests of its bytes, its PDQ hash (64 hex digits) and quality, its shape. The
 * image itself was dropped once these were computed.
 */
public record ImageHashes(String sha256, String md5, String pdq, int quality, int width, int height, String format,
                          long bytes) {
    public ImageHashes {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(pdq, "pdq");
    }
}
