package org.roomwatch.media.ocr;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tesseract.ETEXT_DESC;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.TessBaseAPI;
import org.bytedeco.tesseract.global.tesseract;

/**
 * One Tesseract 5 instance (JavaCPP's presets: the library comes from Maven, the models from Debian). An instance is
 * not thread-safe: each OCR worker owns one. Pixels are handed over from memory; nothing touches the disk.
 */
public final class OcrEngine implements AutoCloseable {
    private final TessBaseAPI api = new TessBaseAPI();

    /**
     * @param tessdata  the directory of the models ({@link Tessdata#locate})
     * @param languages Tesseract's language string, e.g. {@code kor+eng}
     * @throws IllegalStateException when Tesseract cannot load the models
     */
    public OcrEngine(Path tessdata, String languages) {
        if (api.Init(tessdata.toString(), languages) != 0) {
            api.close();
            throw new IllegalStateException("Tesseract could not load " + languages + " from " + tessdata);
        }
        // Tesseract prints its diagnostics to stderr by default; none of them concern a single picture's owner.
        api.SetVariable("debug_file", "/dev/null");
    }

    /** A part of a picture to read, in pixels. */
    public record Region(int x, int y, int width, int height) {}

    /**
     * The text of 8-bit grey pixels (row by row), of {@code region} only when given, read as one line of text
     * ({@code line}) or as a page laid out by Tesseract; abandoned once {@code deadlineMillis} have passed.
     */
    public Result read(byte[] grey, int width, int height, Region region, boolean line, long deadlineMillis) {
        api.SetPageSegMode(line ? tesseract.PSM_SINGLE_LINE : tesseract.PSM_AUTO);
        api.SetImage(grey, width, height, 1, width);
        if (region != null) {
            api.SetRectangle(region.x(), region.y(), region.width(), region.height());
        }
        try (ETEXT_DESC monitor = new ETEXT_DESC()) {
            monitor.set_deadline_msecs((int) Math.max(1, Math.min(Integer.MAX_VALUE, deadlineMillis)));
            api.Recognize(monitor);
            if (monitor.deadline_exceeded()) {
                return Result.TIMED_OUT;
            }
            BytePointer utf8 = api.GetUTF8Text();
            String text = utf8 == null ? "" : utf8.getString(StandardCharsets.UTF_8);
            if (utf8 != null) {
                tesseract.TessDeleteText(utf8);
            }
            return new Result(text, weightedConfidence(words()), false);
        } finally {
            api.Clear();
        }
    }

    /** The recognized words in reading order, each with Tesseract's confidence and whether it starts a line. */
    private List<Word> words() {
        List<Word> words = new ArrayList<>();
        ResultIterator it = api.GetIterator();
        if (it == null || it.isNull()) {
            return words;
        }
        try {
            it.Begin();
            do {
                if (it.Empty(tesseract.RIL_WORD)) {
                    continue;
                }
                BytePointer utf8 = it.GetUTF8Text(tesseract.RIL_WORD);
                if (utf8 == null || utf8.isNull()) {
                    continue;
                }
                String text = utf8.getString(StandardCharsets.UTF_8).strip();
                tesseract.TessDeleteText(utf8);
                if (!text.isEmpty()) {
                    words.add(new Word(text, it.Confidence(tesseract.RIL_WORD)));
                }
            } while (it.Next(tesseract.RIL_WORD));
        } finally {
            tesseract.TessResultIteratorDelete(it); // the caller owns the iterator Tesseract hands out
        }
        return words;
    }

    /** One recognized word: its text and Tesseract's confidence (0..100). */
    record Word(String text, float confidence) {}

    /**
     * The mean of the words' confidences, each counted by its length. Tesseract's own mean counts a word of made-up
     * letters as one, however long: Arabic read by the Korean and English models came out as two long words at 22 and
     * three one-letter signs at 58 to 84, which Tesseract's own mean (MeanTextConf) put at 51, like text; counted by
     * length it is 34.
     */
    static int weightedConfidence(List<Word> words) {
        double sum = 0;
        int chars = 0;
        for (Word w : words) {
            int length = w.text().codePointCount(0, w.text().length());
            sum += w.confidence() * length;
            chars += length;
        }
        return chars == 0 ? 0 : (int) Math.round(sum / chars);
    }

    /** Text as recognized, the words' confidence ({@link #weightedConfidence}), and whether the time ran out first. */
    public record Result(String text, int confidence, boolean timedOut) {
        public static final Result TIMED_OUT = new Result("", 0, true);
    }

    @Override
    public void close() {
        api.End();
        api.close();
    }
}
