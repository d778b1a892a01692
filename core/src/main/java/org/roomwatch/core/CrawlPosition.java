package org.roomwatch.core;

/**
 * Where a room's crawl stands. Everything with an id up to {@code cursor} is stored. A first crawl of a long room
 * may stop at the page cap before reaching the cursor: then {@code resumeBefore} is where the next crawl continues
 * going backwards, and {@code pendingTop} the newest id already stored, which becomes the cursor once the gap is
 * closed. Nothing is ever skipped.
 */
public record CrawlPosition(long cursor, long pendingTop, long resumeBefore) {
    public static final CrawlPosition START = new CrawlPosition(0, 0, 0);

    public CrawlPosition {
        if (cursor < 0 || pendingTop < 0 || resumeBefore < 0) {
            throw new IllegalArgumentException("crawl position values must not be negative");
        }
    }

    public boolean inBackfill() {
        return resumeBefore > 0;
    }

    /** The position after {@code snapshot} has been stored. */
    public CrawlPosition after(RoomSnapshot snapshot) {
        long newest = snapshot.messages().stream().mapToLong(Message::messageId).max().orElse(0);
        if (snapshot.complete()) {
            return new CrawlPosition(Math.max(cursor, Math.max(pendingTop, newest)), 0, 0);
        }
        return new CrawlPosition(cursor, Math.max(pendingTop, newest), snapshot.oldestRead());
    }
}
