package org.roomwatch.media;

/**
 * An image that was not hashed, and why. The message names the reason in words an analyst can act on; it never
 * carries any of the image's bytes.
 */
public final class ImageRefusedException extends Exception {
    public enum Reason { EMPTY, TOO_MANY_BYTES, TOO_MANY_PIXELS, NOT_AN_IMAGE, UNSUPPORTED_FORMAT, CORRUPT }

    private final Reason reason;

    public ImageRefusedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
