package org.roomwatch.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.roomwatch.core.Message;
import org.roomwatch.core.Room;
import org.roomwatch.indexer.Documents;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.MediaIndexWriter;
import org.roomwatch.indexer.MessageEnricher;

/**
 * Fills the index with {@code count} corpus messages in bulk, not through the crawler (a million would take hours
 * that way): enriched by the server's own enrichment into the server's own documents, the photos into the media index
 * as the crawler records them, and a document per room. Refresh is off while it loads and restored after, and the
 * indices are merged before anything is measured.
 */
final class LoadPreload {
    private static final int BATCH = 2000;

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final MessageEnricher enricher;
    private final LoadCorpus corpus;

    LoadPreload(ElasticsearchClient client, IndexNames names, MessageEnricher enricher, LoadCorpus corpus) {
        this.client = client;
        this.names = names;
        this.enricher = enricher;
        this.corpus = corpus;
    }

    /** Loads messages 0..count-1 of the corpus and its rooms; answers the seconds it took. */
    double load(long count, int threads) throws Exception {
        long start = System.nanoTime();
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong written = new AtomicLong();
        MediaIndexWriter media = new MediaIndexWriter(client, names);
        setRefresh("-1");
        ExecutorService enrichers = Executors.newFixedThreadPool(threads);
        try (BulkIngester<Void> ingester = BulkIngester.of(b -> b.client(client).maxOperations(BATCH).maxConcurrentRequests(2)
                .flushInterval(1, TimeUnit.SECONDS).listener(new FailureListener(failure)))) {
            for (Room room : corpus.roomDocuments(Instant.parse("2026-06-30T00:00:00Z"))) {
                ingester.add(BulkOperation.of(o -> o.index(i -> i.index(names.rooms()).id(room.id())
                        .document(Documents.room(room, enricher.roomTags(room.title(), room.description(), room.name()))))));
            }
            List<Future<?>> batches = new ArrayList<>();
            long nextReport = 100_000;
            for (long from = 0; from < count; from += BATCH) {
                long first = from;
                long last = Math.min(count, from + BATCH);
                batches.add(enrichers.submit(() -> {
                    List<Message> messages = new ArrayList<>(BATCH);
                    for (long i = first; i < last; i++) {
                        Message m = corpus.message(i);
                        messages.add(m);
                        var doc = Documents.message(m, enricher.enrich(m));
                        ingester.add(BulkOperation.of(o -> o.index(x -> x.index(names.messages()).id(m.id()).document(doc))));
                    }
                    media.write(MediaIndexWriter.sightings(messages));
                    written.addAndGet(messages.size());
                    return null;
                }));
                if (batches.size() >= threads * 4) {
                    batches.remove(0).get(); // back-pressure: a bounded number of batches in flight
                }
                if (written.get() >= nextReport) {
                    System.out.printf("  pre-loaded %,d of %,d messages (%.0f s)%n", written.get(), count, (System.nanoTime() - start) / 1e9);
                    nextReport += 100_000;
                }
                if (failure.get() != null) {
                    throw new IllegalStateException("the index refused pre-loaded messages: " + failure.get());
                }
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
            ingester.flush();
        } finally {
            enrichers.shutdownNow();
            setRefresh(null);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the index refused pre-loaded messages: " + failure.get());
        }
        client.indices().refresh(r -> r.index(names.messages(), names.rooms(), names.media()));
        // A bulk-loaded index is left with many segments the node goes on merging for minutes: whichever run came first
        // paid for it (the API run was slower than the same mix sent later). An index that grew over months is merged;
        // so is this one before anything is measured.
        long merging = System.nanoTime();
        client.indices().forcemerge(f -> f.index(names.messages(), names.rooms(), names.media()).maxNumSegments(1L).waitForCompletion(true));
        System.out.printf("  merged to one segment in %.0f s%n", (System.nanoTime() - merging) / 1e9);
        return (System.nanoTime() - start) / 1e9;
    }

    /** Sets the refresh interval of the pre-loaded indices ({@code null}: back to the index's own setting). */
    private void setRefresh(String interval) throws IOException {
        for (String index : List.of(names.messages(), names.media(), names.rooms())) {
            client.indices().putSettings(s -> s.index(index).settings(x -> x.refreshInterval(t -> interval == null ? t.time("1s") : t.time(interval))));
        }
    }

    /** Keeps the first refusal: a bulk item the node rejected, or a bulk that failed as a whole. */
    private record FailureListener(AtomicReference<String> failure) implements BulkListener<Void> {
        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<Void> contexts) {}

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Void> contexts, BulkResponse response) {
            if (response.errors()) {
                response.items().stream().filter(i -> i.error() != null).findFirst()
                        .ifPresent(i -> failure.compareAndSet(null, i.error().type() + ": " + i.error().reason()));
            }
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Void> contexts, Throwable cause) {
            failure.compareAndSet(null, String.valueOf(cause));
        }
    }
}
