package org.roomwatch.core;

import java.time.Duration;
import java.util.Objects;

/** A room roomwatch crawls on a schedule. */
public record WatchedRoom(String name, SourceKind source, Duration interval) {
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    public WatchedRoom {
        name = RoomName.require(name);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("interval must be at least 1s, got " + interval);
        }
    }
}
