package org.roomwatch.core.ingest;

import java.util.List;
import org.roomwatch.core.CaptureStore;
import org.roomwatch.core.Message;
import org.roomwatch.core.MessageDeletion;
import org.roomwatch.core.Room;

/**
 * Where everything a source captures goes, the same way for every source (public pages, an account's crawl, an
 * account's live updates): {@link #enrich} once per fetched batch, then {@link #store}, which writes and, once the
 * index acknowledged, runs what follows a store (room signals, watch matching, alerts, their mail).
 */
public interface IngestPipeline {
    /**
     * What must happen once to a fetched batch before it can be stored: photos hashed (the bytes are gone after), links
     * to other rooms queued for triage. A batch the index refuses is kept enriched and stored later without this.
     */
    List<Message> enrich(List<Message> fetched) throws InterruptedException;

    /**
     * Writes the room (when not null) and the enriched messages, returning once both are acknowledged; then runs the
     * after-store work, whose failure is logged and never fails the store.
     */
    void store(Room room, List<Message> enriched);

    /** Records deletions: each message keeps its captured content and gains the time it was seen deleted. */
    void storeDeletions(List<MessageDeletion> deletions);

    /** A pipeline that runs {@code steps} and stores into {@code store} with nothing after (tests, one-off tools). */
    static IngestPipeline storing(CaptureStore store, BatchStep... steps) {
        BatchStep enrich = BatchStep.NONE;
        for (BatchStep step : steps) {
            enrich = enrich.then(step);
        }
        BatchStep all = enrich;
        return new IngestPipeline() {
            @Override
            public List<Message> enrich(List<Message> fetched) throws InterruptedException {
                return fetched.isEmpty() ? fetched : all.apply(fetched);
            }

            @Override
            public void store(Room room, List<Message> enriched) {
                if (room != null) {
                    store.writeRoom(room);
                }
                if (!enriched.isEmpty()) {
                    store.writeMessages(enriched);
                }
            }

            @Override
            public void storeDeletions(List<MessageDeletion> deletions) {
                store.writeDeletions(deletions);
            }
        };
    }
}
