package org.roomwatch.media;

import java.util.List;

/**
 * What is kept of a video: the digests of its bytes as fetched, its size, duration and frame size, what FFmpeg read it
 * as, and its vPDQ (one PDQ per sampled frame). Never a frame.
 */
public record VideoFingerprint(MediaDigests digests, long bytes, double durationSeconds, double framesPerSecond, int width,
                               int height, String format, List<VideoFrameHash> frames) {
    public VideoFingerprint {
        frames = List.copyOf(frames);
    }
}
