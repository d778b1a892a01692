package org.roomwatch.core;

import java.util.Objects;

/**
 * A media item a message carries: its kind and where it can be fetched from (never the bytes). Once a photo has
 * been fetched and hashed it carries its {@link ImageHashes}, a video its {@link VideoHashes}; one that could not be
 * hashed carries the reason. A picture read by OCR carries its {@link ImageText}.
 */
public record MediaRef(MediaKind kind, String url, ImageHashes hashes, String unhashedReason, VideoHashes video, ImageText text) {
    public MediaRef {
        Objects.requireNonNull(kind, "kind");
    }

    /** Without text read from the picture (not read, or not a picture). */
    public MediaRef(MediaKind kind, String url, ImageHashes hashes, String unhashedReason, VideoHashes video) {
        this(kind, url, hashes, unhashedReason, video, null);
    }

    public MediaRef(MediaKind kind, String url, ImageHashes hashes, String unhashedReason) {
        this(kind, url, hashes, unhashedReason, null);
    }

    public MediaRef(MediaKind kind, String url) {
        this(kind, url, null, null, null);
    }

    public MediaRef withHashes(ImageHashes value) {
        return new MediaRef(kind, url, value, null, null);
    }

    /** The same, with the text OCR read in the picture. */
    public MediaRef withText(ImageText value) {
        return new MediaRef(kind, url, hashes, unhashedReason, video, value);
    }

    public MediaRef withVideo(VideoHashes value) {
        return new MediaRef(kind, url, null, null, value);
    }

    public MediaRef unhashed(String reason) {
        return new MediaRef(kind, url, null, reason, null);
    }

    /** The SHA-256 of the bytes, for a hashed photo or video; null otherwise. */
    public String sha256() {
        return hashes != null ? hashes.sha256() : video != null ? video.sha256() : null;
    }
}
