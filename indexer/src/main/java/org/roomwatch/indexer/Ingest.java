package org.roomwatch.indexer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.roomwatch.core.ImageText;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.MessageDeletion;
import org.roomwatch.core.Room;
import org.roomwatch.core.ingest.BatchStep;
import org.roomwatch.core.ingest.IngestPipeline;
import org.roomwatch.core.ingest.LateTexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one ingest pipeline, built whole by the composition root and called the same way by every source: enrich (the
 * steps given: photo hashing, link discovery) → store (rooms, messages, their versions and images, acknowledged) →
 * watch matching (alerts, and through them the mail outbox) → room signals. Watch matching is part of the store: if
 * it fails the store fails, the cursor stays and the batch is matched again. Room signals are a summary recomputed
 * from the index (paced: at most once per room per interval), so their failure is logged and the store stands.
 */
public final class Ingest implements IngestPipeline {
    private static final Logger log = LoggerFactory.getLogger(Ingest.class);

    private final BatchStep enrich;
    private final BulkMessageWriter writer;
    private final LiveWatch watch;
    private final SignalsPacer signals;
    private final LateTexts late;

    /** {@code watch} and {@code signals} may be null where a process does neither (a backfill at the terminal still does both). */
    public Ingest(BatchStep enrich, BulkMessageWriter writer, LiveWatch watch, SignalsPacer signals) {
        this(enrich, writer, watch, signals, null);
    }

    /** {@code late}: the text of pictures still being read when their messages are stored (null: none). */
    public Ingest(BatchStep enrich, BulkMessageWriter writer, LiveWatch watch, SignalsPacer signals, LateTexts late) {
        this.enrich = enrich;
        this.writer = writer;
        this.watch = watch;
        this.signals = signals;
        this.late = late;
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
            if (late != null) {
                enriched.forEach(this::applyWhenRead);
            }
        }
        if (signals != null) {
            for (String roomId : rooms) {
                try {
                    if (room != null && room.id().equals(roomId)) {
                        signals.roomWritten(roomId);
                    } else {
                        signals.stored(roomId);
                    }
                } catch (RuntimeException e) {
                    log.warn("Room signals of {} not recomputed: {}", roomId, e.toString());
                }
            }
        }
    }

    /**
     * A stored message with pictures still being read gets their text when the last is read (on the OCR worker's
     * thread, after the crawl moved on): the stored document is updated and matched again, so a rule that matches only
     * in a picture raises its alert then (an alert already raised for a list is not raised twice).
     */
    private void applyWhenRead(Message message) {
        Map<String, CompletableFuture<ImageText>> pending = new LinkedHashMap<>();
        for (MediaRef ref : message.media()) {
            if (ref.text() != null && ImageText.PENDING.equals(ref.text().unread()) && ref.url() != null) {
                late.claim(ref.url()).ifPresent(read -> pending.put(ref.url(), read));
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            try {
                List<MediaRef> media = new ArrayList<>(message.media().size());
                for (MediaRef ref : message.media()) {
                    CompletableFuture<ImageText> read = ref.url() == null ? null : pending.get(ref.url());
                    media.add(read == null ? ref : ref.withText(read.isCompletedExceptionally() ? ImageText.unread("unreadable") : read.join()));
                }
                List<BulkMessageWriter.Prepared> updated = writer.applyLateTexts(List.of(message.withMedia(media)));
                if (watch != null) {
                    watch.onIndexed(updated);
                }
            } catch (RuntimeException e) {
                // The message stays stored with its pictures marked pending; nothing else is lost.
                log.warn("The text read in the pictures of {} was not stored: {}", message.id(), e.toString());
            }
        });
    }

    @Override
    public void storeDeletions(List<MessageDeletion> deletions) {
        writer.writeDeletions(deletions);
    }
}
