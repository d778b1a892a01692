package org.roomwatch.core.config;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Reading the text in pictures (Tesseract, in memory, off the crawl's critical path).
 *
 * @param enabled   read text in pictures when the models are installed; a process without them says so once and goes on
 * @param tessdata  the directory of Tesseract's models; empty: Debian's (tesseract-ocr-kor and tesseract-ocr-eng)
 * @param languages Tesseract's languages, joined with '+': {@code kor+eng}
 * @param threads   OCR workers per crawler process: the CPU budget (each at nice 19 keeps at most one idle core busy)
 * @param queue     pictures waiting for a worker; when full, a picture's text is not read (marked queue_full)
 * @param timeBudget a picture taking longer than this is skipped (a wall of tiny glyphs, pure noise)
 * @param videoSecondsPerFrame one video frame read per this many seconds
 * @param maxVideoFrames at most this many frames read per video
 */
public record OcrConfig(boolean enabled, String tessdata, String languages, int threads, int queue, Duration timeBudget,
                        double videoSecondsPerFrame, int maxVideoFrames) {
    private static final Pattern LANGUAGES = Pattern.compile("[a-z][a-z_]*(\\+[a-z][a-z_]*)*");

    public OcrConfig {
        tessdata = Check.orEmpty(tessdata).strip();
        languages = Check.required("ocr.languages", languages);
        if (!LANGUAGES.matcher(languages).matches()) {
            throw new IllegalArgumentException("ocr.languages must be Tesseract language names joined with '+', like kor+eng; got '"
                    + languages + "'");
        }
        Check.atLeast("ocr.threads", threads, 1);
        if (threads > 64) {
            throw new IllegalArgumentException("ocr.threads must be at most 64, got " + threads);
        }
        Check.atLeast("ocr.queue", queue, 1);
        Check.positive("ocr.timeBudget", timeBudget);
        if (timeBudget.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("ocr.timeBudget must be at most 5m, got " + DurationText.format(timeBudget));
        }
        if (!(videoSecondsPerFrame >= 0.5) || videoSecondsPerFrame > 600) {
            throw new IllegalArgumentException("ocr.videoSecondsPerFrame must be within 0.5..600 seconds, got " + videoSecondsPerFrame);
        }
        Check.atLeast("ocr.maxVideoFrames", maxVideoFrames, 1);
    }

    /** The model directory as configured, or null for Debian's. */
    public java.nio.file.Path tessdataPath() {
        return tessdata.isEmpty() ? null : java.nio.file.Path.of(tessdata);
    }
}
