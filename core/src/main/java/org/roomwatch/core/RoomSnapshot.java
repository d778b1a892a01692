package org.roomwatch.core;

import java.util.List;

/**
 * What one crawl of a room found: its header and new messages, oldest first; what could not be read; and whether
 * the crawl reached the cursor ({@code complete}) or stopped early, having read back to {@code oldestRead}.
 */
public record RoomSnapshot(Room room, List<Message> messages, List<String> skipped, boolean complete, long oldestRead) {
    public RoomSnapshot {
        messages = List.copyOf(messages);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    public static RoomSnapshot complete(Room room, List<Message> messages, List<String> skipped) {
        return new RoomSnapshot(room, messages, skipped, true, 0);
    }
}
