package org.roomwatch.core;

import java.util.Objects;

/**
 * A media item a message carries: its kind and where it can be fetched from (never the bytes). Once a photo has
 * been fetched and hashed it carries its {@link ImageHashes}; a photo that could not be hashed carries the reason.
 */
public record MediaRef(MediaKind kind, String url, ImageHashes hashes, String unhashedReason) {
    public MediaRef {
        Objects.requireNonNull(kind, "kind");
    }

    public MediaRef(MediaKind kind, String url) {
        this(kind, url, null, null);
    }

    public MediaRef withHashes(ImageHashes value) {
        return new MediaRef(kind, url, value, null);
    }

    public MediaRef unhashed(String reason) {
        return new MediaRef(kind, url, null, reason);
    }
}
