package org.roomwatch.bench;

import java.time.Duration;
import org.roomwatch.app.Roomwatch;
import org.roomwatch.core.CrawlPosition;

/** The crawl of a load run, measured by what the crawled rooms' cursors say has been stored. */
final class LoadIngest {
    private final Roomwatch app;
    private final int rooms;

    LoadIngest(Roomwatch app, int rooms) {
        this.app = app;
        this.rooms = rooms;
    }

    /** Waits (up to a minute) until the crawlers have stored their first batch. */
    void awaitStart() throws InterruptedException {
        for (int i = 0; i < 600 && indexed() == 0; i++) {
            Thread.sleep(100);
        }
        if (indexed() == 0) {
            throw new IllegalStateException("the crawlers stored nothing within a minute");
        }
    }

    /** Messages stored per second over {@code window} of ingest with nothing else running. */
    double rateOver(Duration window) throws InterruptedException {
        long before = indexed();
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        return (indexed() - before) / ((System.nanoTime() - start) / 1e9);
    }

    /** Messages the crawlers have stored so far: the sum of the rooms' cursors (posts are numbered from 1). */
    long indexed() {
        long sum = 0;
        for (int r = 0; r < rooms; r++) {
            sum += stored(app.registry().position("load_room_" + r));
        }
        return sum;
    }

    private static long stored(CrawlPosition position) {
        // A backfill in progress has stored pendingTop down to resumeBefore; a finished one everything up to cursor.
        if (position.resumeBefore() > 0) {
            return position.pendingTop() - position.resumeBefore() + 1 + position.cursor();
        }
        return position.cursor();
    }
}
