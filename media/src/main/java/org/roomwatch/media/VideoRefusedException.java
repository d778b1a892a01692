package org.roomwatch.media;

/**
 * A video that was not hashed, and why, in words an analyst can act on; never any of its bytes. The digests are kept
 * when the bytes were read whole (a video too long to hash can still be matched exactly by MD5 or SHA-256).
 */
public final class VideoRefusedException extends Exception {
    public enum Reason { EMPTY, TOO_MANY_BYTES, NOT_A_VIDEO, NO_VIDEO_STREAM, TOO_LARGE_FRAME, TOO_LONG, TOO_MANY_FRAMES, TOO_SLOW, CORRUPT }

    private final Reason reason;
    private final transient MediaDigests digests;

    public VideoRefusedException(Reason reason, String message, MediaDigests digests) {
        super(message, null, false, false);
        this.reason = reason;
        this.digests = digests;
    }

    public Reason reason() {
        return reason;
    }

    /** The digests of the bytes, when they were read whole; null otherwise. */
    public MediaDigests digests() {
        return digests;
    }
}
