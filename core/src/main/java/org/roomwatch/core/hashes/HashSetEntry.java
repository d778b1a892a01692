package org.roomwatch.core.hashes;

import java.util.List;
import org.roomwatch.core.VideoHashes;

/**
 * A known hash in a named set: kind ({@code pdq}, {@code md5}, {@code sha256} or {@code vpdq}), lower-case hex,
 * optional label. A {@code vpdq} entry is a video: its value is the SHA-256 of its vPDQ's lines, and it carries the
 * frames.
 */
public record HashSetEntry(String kind, String value, String label, List<VideoHashes.Frame> frames) {
    public static final String VPDQ = "vpdq";

    public HashSetEntry {
        frames = frames == null ? List.of() : List.copyOf(frames);
    }

    public HashSetEntry(String kind, String value, String label) {
        this(kind, value, label, List.of());
    }

    public boolean isVideo() {
        return VPDQ.equals(kind);
    }
}
