package org.roomwatch.media;

import java.time.Duration;

/**
 * What one video may cost before it is refused: bytes fetched, seconds of video (as the container states them, and as
 * the decoded frames' timestamps show them when it states none or lies), frames hashed, frame size, and decoding time.
 * Each refusal names its limit. {@code secondsPerHash} is vPDQ's sampling interval (one PDQ per second by default).
 */
public record VideoLimits(long maxBytes, Duration maxDuration, int maxFramesHashed, int maxWidth, int maxHeight,
                          Duration maxDecodeTime, double secondsPerHash) {
    public static final VideoLimits DEFAULT = new VideoLimits(200L * 1024 * 1024, Duration.ofMinutes(30), 1800, 3840, 2160,
            Duration.ofMinutes(2), 1.0);

    /** The limits as configured ({@code media.maxVideo*}, {@code media.videoSecondsPerHash}). */
    public static VideoLimits from(org.roomwatch.core.config.MediaConfig media) {
        return new VideoLimits(media.maxVideoBytes(), media.maxVideoDuration(), media.maxVideoFramesHashed(), media.maxVideoWidth(),
                media.maxVideoHeight(), media.maxVideoDecodeTime(), media.videoSecondsPerHash());
    }

    public VideoLimits {
        if (maxBytes < 1 || maxFramesHashed < 1 || maxWidth < 1 || maxHeight < 1) {
            throw new IllegalArgumentException("video limits must be positive: maxBytes=" + maxBytes + ", maxFramesHashed="
                    + maxFramesHashed + ", maxWidth=" + maxWidth + ", maxHeight=" + maxHeight);
        }
        if (maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()
                || maxDecodeTime == null || maxDecodeTime.isNegative() || maxDecodeTime.isZero()) {
            throw new IllegalArgumentException("maxDuration and maxDecodeTime must be positive durations");
        }
        if (!(secondsPerHash > 0) || secondsPerHash > 3600) {
            throw new IllegalArgumentException("secondsPerHash must be above 0 and at most 3600, got " + secondsPerHash);
        }
    }
}
