package org.roomwatch.media;

/**
 * One hashed frame of a video, as vPDQ records it: the frame's number in presentation order (from 0), the PDQ quality
 * (0..100), the PDQ hash, and the frame's time in seconds from the start.
 */
public record VideoFrameHash(int frameNumber, int quality, PdqHash hash, double timestamp) {
    public VideoFrameHash {
        if (frameNumber < 0) {
            throw new IllegalArgumentException("frameNumber must be 0 or more, got " + frameNumber);
        }
        if (quality < 0 || quality > 100) {
            throw new IllegalArgumentException("quality must be within 0..100, got " + quality);
        }
        if (hash == null) {
            throw new IllegalArgumentException("hash is required");
        }
        if (!(timestamp >= 0) || Double.isInfinite(timestamp)) {
            throw new IllegalArgumentException("timestamp must be 0 or more seconds, got " + timestamp);
        }
    }
}
