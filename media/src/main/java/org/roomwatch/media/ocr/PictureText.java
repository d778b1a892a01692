package org.roomwatch.media.ocr;

/**
 * What was read in one picture: its text (empty when none), Tesseract's mean word confidence (0 to 100), how long it
 * took, and, when it was skipped, why (the picture is never kept, so a skip is final for that copy).
 */
public record PictureText(String text, int confidence, long millis, Skip skip, String detail) {
    /** Why a picture yielded no text. */
    public enum Skip {
        /** The cheap check saw nothing shaped like text. */
        NO_TEXT_SEEN,
        /** Refused before decoding, or undecodable: too many bytes or pixels, corrupt, not an image. */
        UNREADABLE,
        /** Recognition ran past the time budget (a wall of tiny glyphs, pure noise). */
        TIME_BUDGET,
        /** Recognized, but with too little confidence to be text in a script the models know. */
        LOW_CONFIDENCE
    }

    public static PictureText skipped(Skip skip, String detail, long millis) {
        return new PictureText("", 0, millis, skip, detail);
    }

    public boolean hasText() {
        return skip == null && !text.isBlank();
    }
}
