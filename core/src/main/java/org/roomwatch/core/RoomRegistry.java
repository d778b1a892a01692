package org.roomwatch.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The watched rooms, their cursors and the outcome of their last crawl. */
public interface RoomRegistry {
    List<WatchedRoom> list();

    Optional<WatchedRoom> find(String name);

    /** Adds or updates a room; returns true when it was not watched before. */
    boolean put(WatchedRoom room);

    boolean remove(String name);

    /** The highest message id acknowledged by the index, 0 when nothing has been stored. */
    long cursor(String name);

    /** Moves the cursor forward; never backwards. */
    void advanceCursor(String name, long cursor);

    void recordCrawl(String name, Instant at, String outcome);

    Optional<CrawlStatus> status(String name);

    record CrawlStatus(String name, long cursor, Instant lastCrawl, String lastOutcome) {}
}
