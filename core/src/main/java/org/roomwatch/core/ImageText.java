package org.roomwatch.core;

/**
 * What OCR read in a picture while it was in memory: the text (empty when there was none or it could not be read),
 * Tesseract's confidence, and, when nothing was read, why ({@code no_text_seen}, {@code time_budget},
 * {@code low_confidence}, {@code unreadable}, {@code queue_full}, {@link #PENDING}). The picture itself is gone.
 */
public record ImageText(String text, int confidence, String unread) {
    /** Still being read when its message was stored: the text is applied to the stored message once read. */
    public static final String PENDING = "pending";

    public ImageText {
        text = text == null ? "" : text;
    }

    /** Read, with text or without. */
    public static ImageText read(String text, int confidence) {
        return new ImageText(text, confidence, null);
    }

    /** Not read, for {@code reason}. */
    public static ImageText unread(String reason) {
        return new ImageText("", 0, reason);
    }

    public boolean hasText() {
        return !text.isBlank();
    }
}
