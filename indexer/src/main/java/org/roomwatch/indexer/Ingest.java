package org.roomwatch.indexer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.roomwatch.core.Message;
import org.roomwatch.core.MessageDeletion;
import org.roomwatch.core.Room;
import org.roomwatch.core.ingest.BatchStep;
import org.roomwatch.core.ingest.IngestPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one ingest pipeline, built whole by the composition root and called the same way by every source: enrich (the
 * steps given: photo hashing, link discovery) → store (rooms, messages, their versions and images, acknowledged) →
 * watch matching (alerts, and through them the mail outbox) → room signals. Watch matching is part of the store: if
 * it fails the store fails, the cursor stays and the batch is matched again. Room signals are a summary recomputed
 * from the index, so their failure is logged and the store stands.
 */
public final class Ingest implements IngestPipeline {
    private static final Logger log = LoggerFactory.getLogger(Ingest.class);

    private final BatchStep enrich;
    private final BulkMessageWriter writer;
    private final LiveWatch watch;
    private final RoomSignals signals;

    /** {@code watch} and {@code signals} may be null where a process does neither (a backfill at the terminal still does both). */
    public Ingest(BatchStep enrich, BulkMessageWriter writer, LiveWatch watch, RoomSignals signals) {
        this.enrich = enrich;
        this.writer = writer;
        this.watch = watch;
        this.signals = signals;
    }

    @Override
    public List<Message> enrich(List<Message> fetched) throws InterruptedException {
        return fetched.isEmpty() ? fetched : enrich.apply(fetched);
    }

    @Override
    public void store(Room room, List<Message> enriched) {
        Set<String> rooms = new LinkedHashSet<>();
        if (room != null) {
            writer.writeRoom(room);
            rooms.add(room.id());
        }
        if (!enriched.isEmpty()) {
            List<BulkMessageWriter.Prepared> prepared = writer.prepare(enriched);
            writer.writePrepared(prepared);
            if (watch != null) {
                watch.onIndexed(prepared);
            }
            enriched.forEach(m -> rooms.add(m.roomId()));
        }
        if (signals != null) {
            for (String roomId : rooms) {
                try {
                    signals.refresh(roomId);
                } catch (RuntimeException e) {
                    log.warn("Room signals of {} not recomputed: {}", roomId, e.toString());
                }
            }
        }
    }

    @Override
    public void storeDeletions(List<MessageDeletion> deletions) {
        writer.writeDeletions(deletions);
    }
}
