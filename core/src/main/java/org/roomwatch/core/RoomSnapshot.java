package org.roomwatch.core;

import java.util.List;

/** What one crawl of a room found: its header and the messages newer than the cursor, oldest first. */
public record RoomSnapshot(Room room, List<Message> messages, List<String> skipped) {
    public RoomSnapshot {
        messages = List.copyOf(messages);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }
}
