package org.roomwatch.core;

import java.util.List;
import java.util.Objects;

/**
 * What is kept of a fetched video: digests of its bytes as fetched, its size, duration, frame size and container, and
 * its vPDQ (one PDQ per sampled frame). The video itself was dropped once these were computed; never a frame is kept.
 */
public record VideoHashes(String sha256, String md5, long bytes, double durationSeconds, int width, int height,
                          String format, List<Frame> frames) {
    public VideoHashes {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(md5, "md5");
        frames = List.copyOf(frames);
    }

    /** One hashed frame: its number in presentation order, PDQ quality, PDQ (64 hex digits) and time in seconds. */
    public record Frame(int frameNumber, int quality, String pdq, double timestamp) {
        public Frame {
            Objects.requireNonNull(pdq, "pdq");
        }
    }
}
