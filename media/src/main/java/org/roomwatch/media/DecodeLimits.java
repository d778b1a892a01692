package org.roomwatch.media;

/**
 * What an image may cost before anything is decoded: its size in bytes, and its width x height read from the header
 * (a 100 KB PNG can declare 100000x100000 pixels and ask for 40 GB: a decompression bomb).
 */
public record DecodeLimits(long maxBytes, long maxPixels) {
    public static final DecodeLimits DEFAULT = new DecodeLimits(20L * 1024 * 1024, 50_000_000L);

    public DecodeLimits {
        if (maxBytes < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("image limits must be positive: maxBytes=" + maxBytes + ", maxPixels=" + maxPixels);
        }
    }
}
