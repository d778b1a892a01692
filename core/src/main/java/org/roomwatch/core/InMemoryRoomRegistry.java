package org.roomwatch.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A registry that lives as long as the process: for tests and one-off runs. */
public final class InMemoryRoomRegistry implements RoomRegistry {
    private final Map<String, WatchedRoom> rooms = new ConcurrentSkipListMap<>();
    private final Map<String, CrawlStatus> statuses = new ConcurrentHashMap<>();

    @Override
    public List<WatchedRoom> list() {
        return new ArrayList<>(rooms.values());
    }

    @Override
    public Optional<WatchedRoom> find(String name) {
        return Optional.ofNullable(rooms.get(name));
    }

    @Override
    public boolean put(WatchedRoom room) {
        return rooms.put(room.name(), room) == null;
    }

    @Override
    public boolean remove(String name) {
        return rooms.remove(name) != null;
    }

    @Override
    public CrawlPosition position(String name) {
        CrawlStatus status = statuses.get(name);
        return status == null ? CrawlPosition.START : status.position();
    }

    @Override
    public void savePosition(String name, CrawlPosition position) {
        statuses.compute(name, (key, old) -> {
            if (old != null && old.position().cursor() > position.cursor()) {
                throw new IllegalStateException("refusing to move the cursor of " + name + " backwards");
            }
            return new CrawlStatus(name, position, old == null ? null : old.lastCrawl(), old == null ? null : old.lastOutcome());
        });
    }

    @Override
    public void recordCrawl(String name, Instant at, String outcome) {
        statuses.merge(name, new CrawlStatus(name, CrawlPosition.START, at, outcome),
                (old, add) -> new CrawlStatus(name, old.position(), at, outcome));
    }

    @Override
    public Optional<CrawlStatus> status(String name) {
        return Optional.ofNullable(statuses.get(name));
    }
}
