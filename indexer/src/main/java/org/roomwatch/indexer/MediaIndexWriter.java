package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.roomwatch.core.ImageHashes;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.VideoHashes;

/**
 * Keeps one document per distinct image or video (id: SHA-256) with where and when it was seen. The node has no scripting,
 * so sightings are merged here: read the documents, merge, write back conditionally on the sequence number read;
 * a document another crawl changed in between (409) is read and merged again. Merging is idempotent: a re-crawl of
 * the same message changes nothing.
 */
public final class MediaIndexWriter {
    /**
     * Message ids kept per image. Past this the list is marked cut: further sightings still add rooms and move the
     * dates, but are no longer counted (without the list a re-crawl could not be told from a new sighting).
     */
    static final int MAX_MESSAGE_IDS = 10_000;
    private static final int MAX_ATTEMPTS = 30;

    private final ElasticsearchClient client;
    private final IndexNames names;

    public MediaIndexWriter(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    /** One image (its hashes) or video (its vPDQ and digests) seen in one message. */
    public record Sighting(ImageHashes hashes, VideoHashes video, String room, String messageId, Instant seenAt, String imageText) {
        public Sighting(ImageHashes hashes, String room, String messageId, Instant seenAt) {
            this(hashes, null, room, messageId, seenAt, null);
        }

        public String sha256() {
            return hashes != null ? hashes.sha256() : video.sha256();
        }
    }

    public static List<Sighting> sightings(List<Message> messages) {
        List<Sighting> sightings = new ArrayList<>();
        for (Message m : messages) {
            Instant seen = m.postedAt() != null ? m.postedAt() : m.capturedAt();
            for (MediaRef ref : m.media()) {
                if (ref.hashes() != null || ref.video() != null) {
                    String text = ref.text() != null && ref.text().hasText() ? ref.text().text() : null;
                    sightings.add(new Sighting(ref.hashes(), ref.video(), m.roomId(), m.id(), seen, text));
                }
            }
        }
        return sightings;
    }

    /** Records the sightings; returns when every image document is written, or throws. */
    public void write(List<Sighting> sightings) {
        Map<String, List<Sighting>> pending = new LinkedHashMap<>();
        for (Sighting s : sightings) {
            pending.computeIfAbsent(s.sha256(), k -> new ArrayList<>()).add(s);
        }
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new IndexWriteException("image documents kept changing under concurrent writes: " + pending.keySet(), null);
            }
            pending = writeOnce(pending);
            if (!pending.isEmpty()) {
                backOff(attempt);
            }
        }
    }

    /** Losers of a race wait a random, growing while, so the writers contending for one image spread out. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * Math.min(attempt, 10) + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexWriteException("interrupted while writing image documents", e);
        }
    }

    /** One read-merge-write round; returns the images whose conditional write lost a race. */
    private Map<String, List<Sighting>> writeOnce(Map<String, List<Sighting>> pending) {
        try {
            List<String> ids = new ArrayList<>(pending.keySet());
            @SuppressWarnings({"unchecked", "rawtypes"})
            MgetResponse<Map<String, Object>> existing = (MgetResponse) client.mget(g -> g.index(names.media()).ids(ids), Map.class);
            List<BulkOperation> operations = new ArrayList<>();
            for (MultiGetResponseItem<Map<String, Object>> item : existing.docs()) {
                if (item.isFailure()) {
                    throw new IndexWriteException("could not read image " + item.failure().id() + ": " + item.failure().error().reason(), null);
                }
                var result = item.result();
                List<Sighting> seen = pending.get(result.id());
                if (result.found()) {
                    Map<String, Object> merged = merge(result.source(), seen);
                    if (merged == null) {
                        continue; // nothing new
                    }
                    long seqNo = result.seqNo();
                    long primaryTerm = result.primaryTerm();
                    operations.add(BulkOperation.of(o -> o.index(i -> i.index(names.media()).id(result.id())
                            .ifSeqNo(seqNo).ifPrimaryTerm(primaryTerm).document(merged))));
                } else {
                    Map<String, Object> created = merge(newDocument(seen.get(0)), seen);
                    operations.add(BulkOperation.of(o -> o.create(c -> c.index(names.media()).id(result.id()).document(created))));
                }
            }
            Map<String, List<Sighting>> retry = new LinkedHashMap<>();
            if (operations.isEmpty()) {
                return retry;
            }
            BulkResponse response = client.bulk(b -> b.operations(operations));
            for (BulkResponseItem item : response.items()) {
                if (item.error() == null) {
                    continue;
                }
                if (item.status() == 409) {
                    retry.put(item.id(), pending.get(item.id()));
                } else {
                    throw new IndexWriteException("image " + item.id() + " was not written: " + item.error().type() + " "
                            + item.error().reason(), null);
                }
            }
            return retry;
        } catch (IOException e) {
            throw new IndexWriteException("could not write image documents: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> newDocument(Sighting s) {
        return s.hashes() != null ? newDocument(s.hashes()) : VideoDocuments.newDocument(s.video());
    }

    static Map<String, Object> newDocument(ImageHashes h) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sha256", h.sha256());
        doc.put("kind", "photo");
        doc.put("md5", h.md5());
        doc.put("pdq", h.pdq());
        doc.put("pdq_chunks", PdqTerms.chunks(h.pdq()));
        doc.put("pdq_vector", h.pdq());
        doc.put("quality", h.quality());
        doc.put("width", h.width());
        doc.put("height", h.height());
        doc.put("format", h.format());
        doc.put("bytes", h.bytes());
        return unseen(doc);
    }

    /** A new document's sightings, before the first is merged in: none. */
    static Map<String, Object> unseen(Map<String, Object> doc) {
        doc.put("rooms", List.of());
        doc.put("messages", List.of());
        doc.put("messages_truncated", false);
        doc.put("count", 0);
        return doc;
    }

    /** The document with the sightings added, or null when they were all recorded already. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> source, List<Sighting> sightings) {
        Map<String, Object> doc = new LinkedHashMap<>(source);
        Set<String> rooms = new LinkedHashSet<>((List<String>) doc.getOrDefault("rooms", List.of()));
        Set<String> messages = new LinkedHashSet<>((List<String>) doc.getOrDefault("messages", List.of()));
        int count = ((Number) doc.getOrDefault("count", 0)).intValue();
        boolean truncated = Boolean.TRUE.equals(doc.get("messages_truncated"));
        String first = (String) doc.get("first_seen");
        String last = (String) doc.get("last_seen");
        boolean changed = source.get("count") == null;
        for (Sighting s : sightings) {
            if (s.imageText() != null && doc.get("image_text") == null) {
                // What OCR read in the picture, kept once on the image (the first reading; the picture itself is gone).
                doc.put("image_text", s.imageText());
                changed = true;
            }
            if (messages.contains(s.messageId())) {
                continue;
            }
            if (truncated) {
                // Past the cap the list no longer tells whether a message was counted; rooms and dates still do.
                changed |= rooms.add(s.room());
            } else {
                messages.add(s.messageId());
                rooms.add(s.room());
                count++;
                changed = true;
                if (messages.size() >= MAX_MESSAGE_IDS) {
                    truncated = true;
                }
            }
            String at = s.seenAt() == null ? null : s.seenAt().toString();
            if (at != null && (first == null || Instant.parse(at).isBefore(Instant.parse(first)))) {
                first = at;
                changed = true;
            }
            if (at != null && (last == null || Instant.parse(at).isAfter(Instant.parse(last)))) {
                last = at;
                changed = true;
            }
        }
        if (!changed) {
            return null;
        }
        doc.put("rooms", List.copyOf(rooms));
        doc.put("messages", List.copyOf(messages));
        doc.put("messages_truncated", truncated);
        doc.put("count", count);
        doc.put("first_seen", first);
        doc.put("last_seen", last);
        return doc;
    }
}
