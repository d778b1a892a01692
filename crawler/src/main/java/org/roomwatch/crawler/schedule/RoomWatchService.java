package org.roomwatch.crawler.schedule;

import java.util.List;
import org.roomwatch.core.RoomRegistry;
import org.roomwatch.core.RoomWatcher;
import org.roomwatch.core.WatchedRoom;

/** Watching a room means recording it and scheduling its crawl; unwatching, the reverse. No restart needed. */
public final class RoomWatchService implements RoomWatcher {
    private final RoomRegistry registry;
    private final CrawlScheduler scheduler;

    public RoomWatchService(RoomRegistry registry, CrawlScheduler scheduler) {
        this.registry = registry;
        this.scheduler = scheduler;
    }

    @Override
    public List<WatchedRoom> watched() {
        return registry.list();
    }

    @Override
    public boolean watch(WatchedRoom room) {
        boolean added = registry.put(room);
        scheduler.schedule(room);
        return added;
    }

    @Override
    public boolean unwatch(String name) {
        boolean removed = registry.remove(name);
        scheduler.unschedule(name);
        return removed;
    }
}
