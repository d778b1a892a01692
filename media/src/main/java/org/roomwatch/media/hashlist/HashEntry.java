package org.roomwatch.media.hashlist;

import java.util.List;
import org.roomwatch.media.VideoFrameHash;

/**
 * One known hash: its kind, its value (lower-case hex) and an optional label from the source (an id, a case); a
 * {@link HashKind#VPDQ} entry also carries the video's frames.
 */
public record HashEntry(HashKind kind, String value, String label, List<VideoFrameHash> frames) {
    public HashEntry {
        frames = frames == null ? List.of() : List.copyOf(frames);
    }

    public HashEntry(HashKind kind, String value, String label) {
        this(kind, value, label, List.of());
    }

    /** The entry as a hash set keeps it. */
    public org.roomwatch.core.hashes.HashSetEntry toSetEntry() {
        return new org.roomwatch.core.hashes.HashSetEntry(kind.name().toLowerCase(java.util.Locale.ROOT), value, label,
                frames.stream().map(f -> new org.roomwatch.core.VideoHashes.Frame(f.frameNumber(), f.quality(), f.hash().hex(),
                        f.timestamp())).toList());
    }

    /** A video's vPDQ as an entry: its value is the SHA-256 of its lines in ThreatExchange's format. */
    public static HashEntry vpdq(List<VideoFrameHash> frames, String label) {
        StringBuilder lines = new StringBuilder();
        frames.forEach(f -> lines.append(org.roomwatch.media.Vpdq.line(f)).append('\n'));
        return new HashEntry(HashKind.VPDQ, org.roomwatch.media.MediaDigests.of(lines.toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).sha256(), label, frames);
    }
}
