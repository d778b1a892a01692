package org.roomwatch.media.ocr;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.time.Duration;
import java.util.List;
import org.roomwatch.media.DecodedImage;
import org.roomwatch.media.ImageDecoder;
import org.roomwatch.media.ImageRefusedException;

/**
 * The text in one picture, read in memory: decoded under the pixel cap (a 50-megapixel picture is refused before it
 * is decoded), turned grey, looked at cheaply for lines of text ({@link TextLines}), then read by Tesseract line by line
 * (and as a negative where a line reads poorly) within a time budget. Every way it can
 * fail is a {@link PictureText.Skip} with its reason, never an exception: one picture never stops a crawl. Owns one
 * {@link OcrEngine}, so one reader per thread.
 */
public final class PictureReader implements AutoCloseable {
    /** Below this mean confidence the words are taken for noise or a script the models lack. */
    static final int MIN_CONFIDENCE = 40;
    /** Under this, a band is read again as a negative, and the better reading kept. */
    static final int GOOD_CONFIDENCE = 75;
    /** The height of a line of text Tesseract is given, in pixels (bands are scaled up towards it, never down). */
    static final double LINE_HEIGHT = 40;
    /** A band taller than this (lines too close to be parted, a poster's lettering) is laid out by Tesseract instead. */
    static final int MAX_LINE_BAND = 200;
    /** Tesseract lays out at most this many rows at once, so one call's overrun past the deadline stays short. */
    static final int MAX_STRIP = 240;
    /**
     * Above this many strokes ({@link TextLines}) a picture is laid out in strips: measured, captions on noisy
     * 720p pictures have up to 75,000, pure noise at 1600 x 1200 235,000, a 2000 x 2000 page of 7-pixel glyphs 316,000
     * (13 s to lay out whole).
     */
    static final long MAX_WHOLE_PAGE_STROKES = 120_000;
    /** Pictures larger than this on their long side are scaled down first: captions stay readable, time stays bounded. */
    static final int MAX_SIDE = 2000;

    private final ImageDecoder decoder;
    private final OcrEngine engine;
    private final OcrEngine latin;
    private final Duration budget;

    /**
     * @param engine the languages' engine (Korean and English)
     * @param latin  an English-only engine for lines that read as Latin letters and digits (handles, e-mail, IDs), which
     *               the Korean model reads worse; null for none
     */
    public PictureReader(ImageDecoder decoder, OcrEngine engine, OcrEngine latin, Duration budget) {
        this.decoder = decoder;
        this.engine = engine;
        this.latin = latin;
        this.budget = budget;
    }

    /** The text of an encoded picture (JPEG, PNG, WebP, ...). */
    public PictureText read(byte[] encoded) {
        long started = System.nanoTime();
        DecodedImage decoded;
        try {
            decoded = decoder.decode(encoded);
        } catch (ImageRefusedException e) {
            return PictureText.skipped(PictureText.Skip.UNREADABLE, e.reason() + ": " + e.getMessage(), millis(started));
        } catch (RuntimeException e) {
            return PictureText.skipped(PictureText.Skip.UNREADABLE, "CORRUPT: " + e, millis(started));
        }
        return read(decoded.image(), started);
    }

    /** The text of decoded pixels (a video frame, or a picture already decoded for hashing). */
    public PictureText read(BufferedImage image) {
        return read(image, System.nanoTime());
    }

    private PictureText read(BufferedImage image, long started) {
        BufferedImage grey = grey(image);
        byte[] pixels = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        int width = grey.getWidth();
        int height = grey.getHeight();
        TextLines.Rows rows = TextLines.strokes(pixels, width, height);
        List<OcrEngine.Region> bands = TextLines.find(rows, width, height);
        if (bands.isEmpty()) {
            return PictureText.skipped(PictureText.Skip.NO_TEXT_SEEN, "no text-like strokes", millis(started));
        }
        long deadline = started / 1_000_000 + budget.toMillis();
        int banded = bands.stream().mapToInt(OcrEngine.Region::height).sum();
        // Texture everywhere (or a page of text): Tesseract lays out the picture itself. Its layout analysis does not
        // watch the deadline, so a picture busy enough to hold a worker for seconds (a page of 60,000 tiny glyphs) is
        // laid out a strip at a time, the deadline checked between strips; others whole, which reads captions on noisy
        // pictures far better (measured: tag recall 0.50 whole against 0.00 in strips).
        boolean page = banded > height * 6 / 10;
        List<OcrEngine.Region> regions = !page ? bands
                : rows.total() > MAX_WHOLE_PAGE_STROKES ? strips(rows, width, height)
                : List.of(new OcrEngine.Region(0, 0, width, height));
        StringBuilder text = new StringBuilder();
        long weighted = 0;
        boolean doubtful = false;
        for (OcrEngine.Region region : regions) {
            // Tesseract watches the deadline only while it recognizes words, and a picture may hold hundreds of bands.
            if (remaining(deadline) <= 0) {
                return PictureText.skipped(PictureText.Skip.TIME_BUDGET, "past " + budget.toMillis() + " ms", millis(started));
            }
            OcrEngine.Result best = page ? readPage(pixels, width, height, region, deadline)
                    : readBand(pixels, width, region, deadline);
            if (best.timedOut()) {
                return PictureText.skipped(PictureText.Skip.TIME_BUDGET, "past " + budget.toMillis() + " ms", millis(started));
            }
            String lines = tidy(best.text());
            if (lines.isEmpty()) {
                continue;
            }
            int confidence = best.confidence();
            if (confidence < MIN_CONFIDENCE) {
                doubtful = true;
                continue;
            }
            text.append(text.isEmpty() ? "" : "\n").append(lines);
            weighted += (long) confidence * lines.length();
        }
        if (text.isEmpty()) {
            return doubtful ? PictureText.skipped(PictureText.Skip.LOW_CONFIDENCE, "confidence under " + MIN_CONFIDENCE, millis(started))
                    : new PictureText("", 0, millis(started), null, null);
        }
        return new PictureText(text.toString(), (int) (weighted / text.length()), millis(started), null, null);
    }

    /** The picture cut, between lines of text, into strips no taller than {@link #MAX_STRIP}. */
    private static List<OcrEngine.Region> strips(TextLines.Rows rows, int width, int height) {
        List<OcrEngine.Region> strips = new java.util.ArrayList<>();
        int top = 0;
        for (int cut : TextLines.cuts(rows, height, MAX_STRIP)) {
            strips.add(new OcrEngine.Region(0, top, width, cut - top));
            top = cut;
        }
        return strips;
    }

    /** A part of the picture laid out by Tesseract, as a negative too when it reads poorly. */
    private OcrEngine.Result readPage(byte[] pixels, int width, int height, OcrEngine.Region strip, long deadline) {
        return withNegative(pixels, p -> engine.read(p, width, height, strip, false, remaining(deadline)));
    }

    /**
     * One band, cut out and scaled so its line stands about {@link #LINE_HEIGHT} pixels tall (Tesseract's models read
     * small print better larger), read as one line (measured: fewer misreadings than as a block); read as a negative too (light words on a darker picture: meme captions, dark-mode
     * screenshots) when it reads poorly, and the better reading kept.
     */
    private OcrEngine.Result readBand(byte[] pixels, int width, OcrEngine.Region band, long deadline) {
        double scale = Math.max(1.0, Math.min(3.0, LINE_HEIGHT / (band.height() / 1.6)));
        int w = (int) Math.round(band.width() * scale);
        int h = (int) Math.round(band.height() * scale);
        BufferedImage source = new BufferedImage(band.width(), band.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] sourcePixels = ((DataBufferByte) source.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < band.height(); y++) {
            System.arraycopy(pixels, (band.y() + y) * width + band.x(), sourcePixels, y * band.width(), band.width());
        }
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(source, 0, 0, w, h, null);
        g.dispose();
        byte[] cut = ((DataBufferByte) scaled.getRaster().getDataBuffer()).getData();
        boolean line = band.height() <= MAX_LINE_BAND;
        OcrEngine.Result best = withNegative(cut, p -> engine.read(p, w, h, null, line, remaining(deadline)));
        if (latin != null && !best.timedOut() && isLatin(best.text())) {
            OcrEngine.Result english = latin.read(cut, w, h, null, line, remaining(deadline));
            if (!english.timedOut() && score(english) > score(best)) {
                best = english;
            }
        }
        return best;
    }

    /**
     * A reading of {@code pixels}, and of their negative (light words on a darker picture: meme captions, dark-mode
     * screenshots) when it reads poorly; the better one kept, a timeout kept as such.
     */
    private static OcrEngine.Result withNegative(byte[] pixels, java.util.function.Function<byte[], OcrEngine.Result> read) {
        OcrEngine.Result best = read.apply(pixels);
        if (!best.timedOut() && best.confidence() < GOOD_CONFIDENCE) {
            OcrEngine.Result negative = read.apply(invert(pixels));
            if (negative.timedOut() || score(negative) > score(best)) {
                best = negative;
            }
        }
        return best;
    }

    /** Mostly Latin letters, digits and the signs of handles: worth a second reading by the English model. */
    static boolean isLatin(String text) {
        if (text.isEmpty()) {
            return false;
        }
        long latin = text.chars().filter(c -> c < 0x80).count();
        return latin * 10 >= text.length() * 8;
    }

    /** Confidence, counting a reading with no text as nothing. */
    private static int score(OcrEngine.Result r) {
        return tidy(r.text()).isEmpty() ? -1 : r.confidence();
    }

    private static long remaining(long deadlineMillis) {
        return deadlineMillis - System.nanoTime() / 1_000_000;
    }

    private static byte[] invert(byte[] pixels) {
        byte[] out = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = (byte) (255 - (pixels[i] & 0xff));
        }
        return out;
    }

    /** One grey byte per pixel, no larger than {@link #MAX_SIDE} on the long side. */
    static BufferedImage grey(BufferedImage image) {
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(image.getWidth(), image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return grey;
    }

    /** Lines trimmed, blank lines dropped: Tesseract pads its output. */
    static String tidy(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty()) {
                out.append(out.isEmpty() ? "" : "\n").append(t);
            }
        }
        return out.toString();
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public void close() {
        engine.close();
        if (latin != null) {
            latin.close();
        }
    }
}
