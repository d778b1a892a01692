package org.roomwatch.core;

import java.util.List;

/** Starts and stops watching rooms: persists the choice and (un)schedules the crawl, without a restart. */
public interface RoomWatcher {
    List<WatchedRoom> watched();

    /** Returns true when the room was not watched before. */
    boolean watch(WatchedRoom room);

    boolean unwatch(String name);
}
