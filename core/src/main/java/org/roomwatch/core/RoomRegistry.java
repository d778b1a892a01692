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

    /** Where the room's crawl stands; {@link CrawlPosition#START} when nothing has been stored. */
    CrawlPosition position(String name);

    /** Saves the position after the index acknowledged the writes; refuses to move the cursor backwards. */
    void savePosition(String name, CrawlPosition position);

    void recordCrawl(String name, Instant at, String outcome);

    Optional<CrawlStatus> status(String name);

    record CrawlStatus(String name, CrawlPosition position, Instant lastCrawl, String lastOutcome) {}
}
