package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.BackoffPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.roomwatch.core.CaptureStore;
import org.roomwatch.core.Message;
import org.roomwatch.core.MessageDeletion;
import org.roomwatch.core.Room;
import org.roomwatch.core.config.ElasticsearchConfig;
import org.roomwatch.core.ops.Meters;

/**
 * Writes rooms and messages through one BulkIngester: requests in flight are capped (add blocks beyond that:
 * back-pressure), items rejected with 429 are retried with exponential backoff, and every write call returns only
 * when each of its operations is acknowledged, so the caller may then advance the room's cursor.
 */
public final class BulkMessageWriter implements CaptureStore, AutoCloseable {
    private final IndexNames names;
    private final MessageEnricher enricher;
    private final BulkIngester<CompletableFuture<Void>> ingester;
    private final long ackTimeoutMillis;
    private final MediaIndexWriter media;

    public BulkMessageWriter(ElasticsearchClient client, IndexNames names, MessageEnricher enricher, ElasticsearchConfig config) {
        this.names = names;
        this.enricher = enricher;
        this.ackTimeoutMillis = config.socketTimeout().toMillis() * (config.bulkRetries() + 2L);
        this.media = new MediaIndexWriter(client, names);
        this.ingester = BulkIngester.of(b -> b
                .client(client)
                .maxOperations(config.bulkActions())
                .maxConcurrentRequests(config.bulkConcurrency())
                .flushInterval(200, TimeUnit.MILLISECONDS)
                .backoffPolicy(BackoffPolicy.exponentialBackoff(config.bulkRetryBackoff().toMillis(), config.bulkRetries()))
                .listener(new Acknowledger()));
    }

    @Override
    public void writeRoom(Room room) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        acks.add(add(BulkOperation.of(o -> o.index(i -> i.index(names.rooms()).id(room.id()).document(Documents.room(room, enricher.roomTags(room.title(), room.description(), room.name())))))));
        acks.add(add(BulkOperation.of(o -> o.create(c -> c.index(names.roomVersions()).id(Documents.roomVersionId(room))
                .document(Documents.roomVersion(room))))));
        await(acks);
    }

    @Override
    public void writeMessages(List<Message> messages) {
        writePrepared(prepare(messages));
    }

    @Override
    public void writeDeletions(List<MessageDeletion> deletions) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(deletions.size() * 2);
        for (MessageDeletion d : deletions) {
            // The message document keeps what was captured and gains deleted_at; a message never captured gets a
            // skeleton that says only that it existed and was deleted.
            Map<String, Object> mark = Map.of("deleted_at", d.observedAt().toString());
            Map<String, Object> skeleton = Documents.deletedSkeleton(d);
            acks.add(add(BulkOperation.of(o -> o.update(u -> u.index(names.messages()).id(d.messageDocumentId())
                    .action(a -> a.doc(mark).upsert(skeleton))))));
            acks.add(add(BulkOperation.of(o -> o.create(c -> c.index(names.messageVersions())
                    .id(d.messageDocumentId() + ":deleted").document(Documents.deletionVersion(d))))));
        }
        await(acks);
    }

    /**
     * The text read in pictures after their messages were stored: each message's stored document gets its media, its
     * pictures' text and every field derived from text (schools, mentions, lexicon words, {@code in_picture}) anew,
     * and the images' documents their text; what was captured (text, times, versions) is left as it was. Returns the
     * documents as they now are, for watch matching.
     */
    public List<Prepared> applyLateTexts(List<Message> messages) {
        List<Prepared> prepared = new ArrayList<>(messages.size());
        List<CompletableFuture<Void>> acks = new ArrayList<>(messages.size());
        for (Message message : messages) {
            MessageEnricher.Enrichment e = enricher.enrich(message);
            Map<String, Object> doc = Documents.message(message, e);
            Map<String, Object> derived = Documents.textDerived(doc.get("media"), e);
            acks.add(add(BulkOperation.of(o -> o.update(u -> u.index(names.messages()).id(message.id()).retryOnConflict(3)
                    .action(a -> a.doc(derived))))));
            prepared.add(new Prepared(message, doc));
        }
        await(acks);
        media.write(MediaIndexWriter.sightings(messages));
        return prepared;
    }

    /** A message and its finished index document: the output of the enrichment step. */
    public record Prepared(Message message, Map<String, Object> document) {}

    /** Enrichment: messages to index documents. */
    public List<Prepared> prepare(List<Message> messages) {
        List<Prepared> prepared = new ArrayList<>(messages.size());
        for (Message message : messages) {
            prepared.add(new Prepared(message, Documents.message(message, enricher.enrich(message))));
        }
        return prepared;
    }

    /** Bulk-writes finished documents and their version records; returns when all are acknowledged. */
    public void writePrepared(List<Prepared> prepared) {
        await(submitPrepared(prepared));
        List<Message> messages = new ArrayList<>(prepared.size());
        for (Prepared p : prepared) {
            messages.add(p.message());
        }
        media.write(MediaIndexWriter.sightings(messages));
    }

    /**
     * Queues finished documents and their version records and returns at once (or when back-pressure blocks); the
     * returned acknowledgements complete as the index accepts each write. Lets a caller parse the next batch while
     * this one is in flight; it must still wait on them (see {@link #await}) before it advances a cursor. Image
     * documents are not written by this path (the ingest benchmark uses it for text); {@link #writePrepared} writes them.
     */
    public List<CompletableFuture<Void>> submitPrepared(List<Prepared> prepared) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(prepared.size() * 2);
        for (Prepared p : prepared) {
            Message message = p.message();
            Map<String, Object> doc = p.document();
            acks.add(add(BulkOperation.of(o -> o.index(i -> i.index(names.messages()).id(message.id()).document(doc)))));
            acks.add(add(BulkOperation.of(o -> o.create(c -> c.index(names.messageVersions())
                    .id(Documents.messageVersionId(message, doc)).document(Documents.messageVersion(message, doc))))));
        }
        return acks;
    }

    private CompletableFuture<Void> add(BulkOperation operation) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        ingester.add(operation, ack);
        return ack;
    }

    /** Flushes what is queued and waits until every given write is acknowledged, or throws why not. */
    public void await(List<CompletableFuture<Void>> acks) {
        ingester.flush();
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ackTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IndexWriteException("the index did not accept every write: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IndexWriteException("the index did not acknowledge the writes within " + ackTimeoutMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexWriteException("interrupted while waiting for the index", e);
        }
    }

    @Override
    public void close() {
        ingester.close();
    }

    /** Completes each operation's future from its item in the bulk response. */
    private static final class Acknowledger implements BulkListener<CompletableFuture<Void>> {
        private final java.util.Map<Long, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<CompletableFuture<Void>> contexts) {
            sentAt.put(executionId, System.nanoTime());
            Meters.bulkSent();
        }

        private void answered(long executionId, boolean ok) {
            Long start = sentAt.remove(executionId);
            if (start != null) {
                Meters.bulkAnswered();
                Meters.bulk(java.time.Duration.ofNanos(System.nanoTime() - start), ok);
            }
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<CompletableFuture<Void>> contexts, BulkResponse response) {
            answered(executionId, !response.errors());
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < contexts.size(); i++) {
                BulkResponseItem item = items.get(i);
                CompletableFuture<Void> ack = contexts.get(i);
                if (ack == null) {
                    continue;
                }
                // A version document that already exists is the same fact seen again: that is success.
                if (item.error() == null || item.status() == 409) {
                    ack.complete(null);
                } else {
                    ack.completeExceptionally(new IndexWriteException(item.index() + "/" + item.id() + ": "
                            + item.error().type() + " " + item.error().reason(), null));
                }
            }
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<CompletableFuture<Void>> contexts, Throwable failure) {
            answered(executionId, false);
            for (CompletableFuture<Void> ack : contexts) {
                if (ack != null) {
                    ack.completeExceptionally(failure);
                }
            }
        }
    }
}
