package org.roomwatch.core;

import java.util.Objects;

/** A media item a message carries: its kind and where it can be fetched from (never the bytes). */
public record MediaRef(MediaKind kind, String url) {
    public MediaRef {
        Objects.requireNonNull(kind, "kind");
    }
}
