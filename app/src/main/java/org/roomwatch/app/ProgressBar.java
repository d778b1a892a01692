package org.roomwatch.app;

import java.io.PrintWriter;
import java.util.Locale;
import org.roomwatch.core.CrawlPosition;

/**
 * A backfill's progress on the terminal. A backfill reads a room from its newest message down to the cursor, so
 * once the first crawl has seen the newest id the whole span is known: done is what lies between the newest id and
 * where the backfill stands. On a terminal the bar redraws in place; in a pipe or a log it prints a line per step.
 */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean inPlace;
    private final long started = System.nanoTime();
    private long stored;

    ProgressBar(PrintWriter out, boolean inPlace) {
        this.out = out;
        this.inPlace = inPlace;
    }

    /** The share of the span done, 0..1, from the position after a crawl and the cursor the backfill started from. */
    static double fraction(CrawlPosition now, long startCursor) {
        if (!now.inBackfill()) {
            return 1.0;
        }
        long span = now.pendingTop() - startCursor;
        if (span <= 0) {
            return 0.0;
        }
        return Math.max(0, Math.min(1, (double) (now.pendingTop() - now.resumeBefore() + 1) / span));
    }

    static String render(double fraction, long stored, double perSecond) {
        int filled = (int) Math.round(fraction * WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %,d messages  %,.0f/s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                Math.round(fraction * 100), stored, perSecond);
    }

    void update(CrawlPosition now, long startCursor, int storedNow) {
        stored += storedNow;
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        String line = render(fraction(now, startCursor), stored, stored / seconds);
        if (inPlace) {
            out.print("\r" + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    void done(String summary) {
        if (inPlace) {
            out.println();
        }
        out.println(summary);
        out.flush();
    }
}
