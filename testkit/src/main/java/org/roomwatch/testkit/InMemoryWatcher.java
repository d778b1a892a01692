package org.roomwatch.testkit;

import java.util.List;
import org.roomwatch.core.InMemoryRoomRegistry;
import org.roomwatch.core.RoomWatcher;
import org.roomwatch.core.WatchedRoom;

/** Watched rooms kept in memory: the API tests need the routes, not the scheduler behind them. */
public final class InMemoryWatcher implements RoomWatcher {
    private final InMemoryRoomRegistry registry = new InMemoryRoomRegistry();

    @Override
    public List<WatchedRoom> watched() {
        return registry.list();
    }

    @Override
    public boolean watch(WatchedRoom room) {
        return registry.put(room);
    }

    @Override
    public boolean unwatch(String name) {
        return registry.remove(name);
    }
}
