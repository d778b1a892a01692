package org.roomwatch.media.ocr;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the lines of text are, found cheaply before Tesseract runs: glyph strokes are short runs between a rising and
 * a falling edge, many of them side by side along a row, while smooth pictures (skin, gradients, blurred backgrounds)
 * have few. Rows dense in strokes are grouped into bands (a line of text each, as lines are parted by thin rows with
 * few strokes), each padded and cut to where its strokes are, padding allowed to overlap; Tesseract then reads each
 * band as a line, which holds up far better against a busy picture than laying out the whole page. No
 * band means no text (the prefilter); texture everywhere (grass, noise) makes one band of the whole picture.
 */
public final class TextLines {
    static final int EDGE = 40;
    static final int MAX_STROKE = 16;
    /** A row is a text row with this many strokes per 1,000 pixels of width (at least 4). */
    static final int STROKES_PER_1000 = 12;

    private TextLines() {}

    /** The bands of text in 8-bit grey pixels, top to bottom. */
    public static List<OcrEngine.Region> find(byte[] grey, int width, int height) {
        return find(strokes(grey, width, height), width, height);
    }

    /** Rows of a picture, as strokes counted per row and the leftmost and rightmost stroke of each. */
    record Rows(int[] strokes, int[] left, int[] right) {
        /** All the strokes of the picture: a measure of how busy it is, so of how long Tesseract takes to lay it out. */
        long total() {
            long total = 0;
            for (int s : strokes) {
                total += s;
            }
            return total;
        }
    }

    /** The strokes of every row. */
    static Rows strokes(byte[] grey, int width, int height) {
        int[] strokes = new int[height];
        int[] left = new int[height];
        int[] right = new int[height];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            int lastEdgeAt = -1_000;
            int lastSign = 0;
            left[y] = width;
            right[y] = -1;
            for (int x = 1; x < width - 1; x++) {
                int d = (grey[row + x + 1] & 0xff) - (grey[row + x - 1] & 0xff);
                int sign = d >= EDGE ? 1 : d <= -EDGE ? -1 : 0;
                if (sign == 0) {
                    continue;
                }
                if (sign == -lastSign && x - lastEdgeAt <= MAX_STROKE && x - lastEdgeAt >= 2) {
                    strokes[y]++;
                    left[y] = Math.min(left[y], lastEdgeAt);
                    right[y] = Math.max(right[y], x);
                    lastSign = 0; // a stroke's closing edge does not open the next one
                } else if (sign != lastSign || x - lastEdgeAt > 2) {
                    lastSign = sign;
                }
                lastEdgeAt = x;
            }
        }
        return new Rows(strokes, left, right);
    }

    /**
     * Where to cut a picture into strips no taller than {@code maxStrip}: at the row with the fewest strokes in the
     * last third of each strip, so a cut falls between lines of text rather than through one.
     */
    static List<Integer> cuts(Rows rows, int height, int maxStrip) {
        List<Integer> cuts = new ArrayList<>();
        int from = 0;
        while (height - from > maxStrip) {
            int best = from + maxStrip;
            for (int y = from + maxStrip; y > from + maxStrip * 2 / 3; y--) {
                if (smoothed(rows.strokes(), y) < smoothed(rows.strokes(), best)) {
                    best = y;
                }
            }
            cuts.add(best);
            from = best;
        }
        cuts.add(height);
        return cuts;
    }

    static List<OcrEngine.Region> find(Rows rows, int width, int height) {
        int[] strokes = rows.strokes();
        int[] left = rows.left();
        int[] right = rows.right();
        int needed = Math.max(4, width * STROKES_PER_1000 / 1000);
        List<OcrEngine.Region> bands = new ArrayList<>();
        int y = 0;
        while (y < height) {
            if (smoothed(strokes, y) < needed) {
                y++;
                continue;
            }
            int top = y;
            int gap = 0;
            int x0 = width;
            int x1 = -1;
            while (y < height && gap <= 4) {
                if (smoothed(strokes, y) >= needed) {
                    gap = 0;
                    x0 = Math.min(x0, left[y]);
                    x1 = Math.max(x1, right[y]);
                } else {
                    gap++;
                }
                y++;
            }
            int bottom = y - gap;
            int tall = bottom - top;
            if (tall >= 6 && x1 > x0) {
                int pad = Math.max(6, tall * 3 / 10);
                int padX = Math.max(8, tall / 2);
                int bx = Math.max(0, x0 - padX);
                int by = Math.max(0, top - pad);
                bands.add(new OcrEngine.Region(bx, by, Math.min(width, x1 + padX) - bx, Math.min(height, bottom + pad) - by));
            }
        }
        return bands;
    }

    /** The mean of a row's strokes and its neighbours' (a line's thin rows, between its glyphs' parts, still count). */
    private static int smoothed(int[] strokes, int y) {
        int sum = 0;
        int n = 0;
        for (int i = Math.max(0, y - 2); i <= Math.min(strokes.length - 1, y + 2); i++) {
            sum += strokes[i];
            n++;
        }
        return sum / n;
    }

}
