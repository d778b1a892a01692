package org.roomwatch.crawler.schedule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.roomwatch.core.CrawlPosition;
import org.roomwatch.core.Message;
import org.roomwatch.core.Room;
import org.roomwatch.core.ops.Meters;

/**
 * What crawls fetched but the index refused, kept in memory per room up to a bound on the number of messages, so it
 * is stored before anything else once the index is back: a room may delete its posts in the meantime, and what was
 * seen once is evidence. A batch that does not fit is not kept; the cursor never passed it, so a later crawl fetches
 * it again from the source.
 */
final class UnstoredBatches {
    /**
     * One refused crawl: the room and (already hashed) messages it fetched, the position it started from and the one
     * its store would have saved.
     */
    record Batch(Room room, List<Message> messages, CrawlPosition from, CrawlPosition next) {}

    private final int maxMessages;
    private final Map<String, Batch> byRoom = new HashMap<>();
    private int held;

    UnstoredBatches(int maxMessages) {
        this.maxMessages = maxMessages;
    }

    /** Keeps the room's refused batch if it fits; false when the bound leaves it to be fetched again. */
    synchronized boolean keep(String roomName, Batch batch) {
        Batch earlier = byRoom.get(roomName);
        int without = held - (earlier == null ? 0 : earlier.messages().size());
        if (without + batch.messages().size() > maxMessages) {
            return false;
        }
        byRoom.put(roomName, batch);
        held = without + batch.messages().size();
        Meters.unstoredMessages(held);
        return true;
    }

    /** Takes the room's kept batch out, to store it; the caller keeps it again if that fails. */
    synchronized Optional<Batch> take(String roomName) {
        Batch batch = byRoom.remove(roomName);
        if (batch != null) {
            held -= batch.messages().size();
            Meters.unstoredMessages(held);
        }
        return Optional.ofNullable(batch);
    }

    synchronized int messages() {
        return held;
    }
}
