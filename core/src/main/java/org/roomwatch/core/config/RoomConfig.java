package org.roomwatch.core.config;

import java.time.Duration;

/** A room listed in the configuration file; interval may be left out for the crawler's default. */
public record RoomConfig(String name, String source, Duration interval) {
    public RoomConfig {
        name = Check.required("rooms[].name", name);
        source = source == null || source.isBlank() ? "public" : source.trim();
    }
}
