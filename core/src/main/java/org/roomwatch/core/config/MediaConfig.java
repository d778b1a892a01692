package org.roomwatch.core.config;

/**
 * Images and videos: fetched into memory, hashed, dropped. Limits apply before anything is decoded, and for videos
 * while they are decoded too.
 *
 * @param hashImages        fetch and hash the photos and videos crawled posts carry
 * @param maxImageBytes     images larger than this are not fetched past the cap nor decoded
 * @param maxImagePixels    images whose header declares more pixels than this are not decoded (decompression bombs)
 * @param nearDuplicateMethod how near-duplicate search runs, all exact: {@code mih} (16-bit chunk terms, distances
 *                          checked by roomwatch), {@code flat} (the node scans every bit vector) or {@code mih-flat}
 *                          (chunk terms filter, the node checks distances on those vectors only)
 * @param maxVideoBytes     videos larger than this are not fetched past the cap nor decoded
 * @param maxVideoDuration  videos longer than this (as stated, or as their frames show) are not hashed
 * @param maxVideoFramesHashed a video needing more vPDQ frames than this is not hashed
 * @param maxVideoWidth     frames wider than this (the longer side, portrait or landscape) are not decoded
 * @param maxVideoHeight    frames taller than this (the shorter side) are not decoded
 * @param maxVideoDecodeTime a video whose decoding takes longer than this is given up
 * @param videoSecondsPerHash vPDQ's interval: one PDQ per this many seconds of video
 */
public record MediaConfig(boolean hashImages, long maxImageBytes, long maxImagePixels, String nearDuplicateMethod,
                          long maxVideoBytes, java.time.Duration maxVideoDuration, int maxVideoFramesHashed, int maxVideoWidth,
                          int maxVideoHeight, java.time.Duration maxVideoDecodeTime, double videoSecondsPerHash) {
    public MediaConfig {
        Check.atLeast("media.maxVideoBytes", maxVideoBytes, 1024);
        Check.positive("media.maxVideoDuration", maxVideoDuration);
        Check.atLeast("media.maxVideoFramesHashed", maxVideoFramesHashed, 1);
        Check.atLeast("media.maxVideoWidth", maxVideoWidth, 16);
        Check.atLeast("media.maxVideoHeight", maxVideoHeight, 16);
        Check.positive("media.maxVideoDecodeTime", maxVideoDecodeTime);
        if (!(videoSecondsPerHash >= 0.1) || videoSecondsPerHash > 60) {
            throw new IllegalArgumentException("media.videoSecondsPerHash must be within 0.1..60 seconds, got " + videoSecondsPerHash);
        }
        Check.atLeast("media.maxImageBytes", maxImageBytes, 1024);
        Check.atLeast("media.maxImagePixels", maxImagePixels, 1);
        nearDuplicateMethod = Check.required("media.nearDuplicateMethod", nearDuplicateMethod);
        if (!java.util.Set.of("mih", "flat", "mih-flat").contains(nearDuplicateMethod)) {
            throw new IllegalArgumentException("media.nearDuplicateMethod must be mih, flat or mih-flat, got " + nearDuplicateMethod);
        }
    }
}
