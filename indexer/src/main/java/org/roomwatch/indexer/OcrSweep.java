package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.roomwatch.core.ImageText;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.media.MediaDigests;
import org.roomwatch.media.PhotoHashing;
import org.roomwatch.media.ocr.OcrPool;
import org.roomwatch.media.ocr.PictureText;
import org.roomwatch.tagging.Tagging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches up the text of pictures that were stored unread: refused by a full OCR queue ({@code queue_full}), or still
 * {@code pending} long after their process should have read them (it stopped). Any crawler process may sweep: a
 * message is claimed by a conditional write on its document (the one whose write wins takes it, for
 * {@link #CLAIM}), its pictures are fetched again from where they were found (they were never kept), checked against
 * the stored SHA-256 (a different picture now at the address is not read as this one), read, and dropped; the
 * message's picture text and derived fields are stored, and the watchlists match it again.
 */
public final class OcrSweep {
    private static final Logger log = LoggerFactory.getLogger(OcrSweep.class);
    /** A pending picture older than this was left by a process that stopped before reading it. */
    static final Duration STALE_PENDING = Duration.ofMinutes(15);
    /** How long a claim keeps other processes away from a message. */
    static final Duration CLAIM = Duration.ofMinutes(5);

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final MessageEnricher enricher;
    private final PhotoHashing.PhotoFetcher<? extends Exception> fetcher;
    private final OcrPool ocr;
    private final Duration readTimeout;
    private final long maxBytes;
    private final LiveWatch watch;
    private final String process;
    private final Clock clock;

    /**
     * @param maxBytes the largest picture fetched ({@code media.maxImageBytes})
     * @param process the sweeping process's name, written with its claims
     * @param watch   matched again with each updated message (null: none)
     */
    public OcrSweep(ElasticsearchClient client, IndexNames names, Supplier<Tagging> tagging, PhotoHashing.PhotoFetcher<? extends Exception> fetcher,
                    OcrPool ocr, Duration readTimeout, long maxBytes, LiveWatch watch, String process, Clock clock) {
        this.client = client;
        this.names = names;
        this.enricher = new MessageEnricher(tagging);
        this.fetcher = fetcher;
        this.ocr = ocr;
        this.readTimeout = readTimeout;
        this.maxBytes = maxBytes;
        this.watch = watch;
        this.process = process;
        this.clock = clock;
    }

    /** Sweeps at most {@code max} messages; returns how many got their pictures read again. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int sweepOnce(int max) throws InterruptedException {
        Instant now = clock.instant();
        Query stale = Query.of(q -> q.bool(b -> b
                .filter(f -> f.term(t -> t.field("media.ocr").value(ImageText.PENDING)))
                .filter(f -> f.range(r -> r.untyped(u -> u.field("captured_at").lt(JsonData.of(now.minus(STALE_PENDING).toString())))))));
        Query wanted = Query.of(q -> q.bool(b -> b
                .should(s -> s.term(t -> t.field("media.ocr").value(FieldValue.of("queue_full"))))
                .should(stale)
                .minimumShouldMatch("1")
                .mustNot(m -> m.range(r -> r.untyped(u -> u.field("ocr_claim_until").gt(JsonData.of(now.toString())))))));
        List<Hit<Map>> hits;
        try {
            hits = client.search(s -> s.index(names.messages()).size(max).seqNoPrimaryTerm(true).query(wanted), Map.class).hits().hits();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int swept = 0;
        for (Hit<Map> hit : hits) {
            if (claim(hit, now) && sweep(hit.id(), (Map<String, Object>) hit.source(), now)) {
                swept++;
            }
        }
        return swept;
    }

    /** Takes the message for this process, unless another wrote to it since it was found. */
    private boolean claim(Hit<Map> hit, Instant now) {
        Map<String, Object> claim = Map.of("ocr_claimed_by", process, "ocr_claim_until", now.plus(CLAIM).toString());
        try {
            client.update(u -> u.index(names.messages()).id(hit.id()).ifSeqNo(hit.seqNo()).ifPrimaryTerm(hit.primaryTerm()).doc(claim),
                    Map.class);
            return true;
        } catch (ElasticsearchException e) {
            if (e.status() == 409) {
                return false; // another process took it, or the message changed: the next sweep looks again
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the message's unread pictures again and stores what they say. */
    @SuppressWarnings("unchecked")
    private boolean sweep(String id, Map<String, Object> source, Instant now) throws InterruptedException {
        List<Map<String, Object>> media = new ArrayList<>();
        List<MediaRef> refs = new ArrayList<>();
        boolean changed = false;
        for (Map<String, Object> item : (List<Map<String, Object>>) source.getOrDefault("media", List.of())) {
            Map<String, Object> copy = new LinkedHashMap<>(item);
            String state = (String) item.get("ocr");
            boolean stalePending = ImageText.PENDING.equals(state) && capturedBefore(source, now.minus(STALE_PENDING));
            if ("queue_full".equals(state) || stalePending) {
                ImageText text = readAgain(item);
                if (text != null) {
                    copy.put("ocr", text.unread() == null ? (text.hasText() ? "text" : "no_text") : text.unread());
                    copy.remove("image_text");
                    if (text.hasText()) {
                        copy.put("image_text", text.text());
                    }
                    changed = true;
                }
            }
            media.add(copy);
            String read = (String) copy.get("image_text");
            MediaKind kind = MediaKind.valueOf(String.valueOf(item.get("kind")).toUpperCase());
            refs.add(new MediaRef(kind, (String) item.get("url")).withText(read == null ? null : ImageText.read(read, 0)));
        }
        if (!changed) {
            return false;
        }
        Message message = StoredMessages.of(source, refs);
        MessageEnricher.Enrichment e = enricher.enrich(message);
        Map<String, Object> derived = Documents.textDerived(media, e);
        try {
            client.update(u -> u.index(names.messages()).id(id).retryOnConflict(3).doc(derived), Map.class);
            for (Map<String, Object> item : media) {
                if (item.get("image_text") != null && item.get("sha256") != null) {
                    client.update(u -> u.index(names.media()).id((String) item.get("sha256")).retryOnConflict(3)
                            .doc(Map.of("image_text", item.get("image_text"))), Map.class);
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        if (watch != null) {
            Map<String, Object> doc = new LinkedHashMap<>(source);
            doc.putAll(derived);
            watch.onIndexed(List.of(new BulkMessageWriter.Prepared(message, doc)));
        }
        log.info("Read the pictures of {} again", id);
        return true;
    }

    /**
     * The picture fetched again and read, or null to leave it for a later sweep (the queue is still full). A picture
     * that is gone, or is no longer the one hashed, says so and is not tried again.
     */
    private ImageText readAgain(Map<String, Object> item) throws InterruptedException {
        String url = (String) item.get("url");
        if (url == null || url.isEmpty() || !"photo".equals(item.get("kind")) && !"poster".equals(item.get("kind"))) {
            return ImageText.unread("gone");
        }
        MediaRef ref = new MediaRef(MediaKind.valueOf(String.valueOf(item.get("kind")).toUpperCase()), url);
        byte[] bytes;
        try {
            if (!fetcher.fetches(ref)) {
                return ImageText.unread("gone");
            }
            bytes = fetcher.fetch(ref, maxBytes);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            log.info("Picture {} could not be fetched again: {}", url, e.getMessage());
            return ImageText.unread("gone");
        }
        if (item.get("sha256") != null && !MediaDigests.of(bytes).sha256().equals(item.get("sha256"))) {
            return ImageText.unread("changed"); // another picture now at that address: not read as this one
        }
        var offered = ocr.offer(bytes);
        if (offered.isEmpty()) {
            return null;
        }
        try {
            PictureText text = offered.get().get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return OcrPool.imageText(text);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            return ImageText.unread("unreadable");
        }
    }

    private static boolean capturedBefore(Map<String, Object> source, Instant when) {
        Object at = source.get("captured_at");
        return at instanceof String s && Instant.parse(s).isBefore(when);
    }
}
