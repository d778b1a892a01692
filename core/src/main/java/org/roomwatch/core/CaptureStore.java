package org.roomwatch.core;

import java.util.List;

/** Where captured rooms and messages go. Both methods return only once the writes are acknowledged. */
public interface CaptureStore {
    void writeRoom(Room room);

    void writeMessages(List<Message> messages);

    /** Records deletions: each message keeps its captured content and gains the time it was seen deleted. */
    void writeDeletions(List<MessageDeletion> deletions);
}
