package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.roomwatch.core.VideoHashes;
import org.roomwatch.core.search.ImageSearch.PdqQuery;
import org.roomwatch.core.search.VideoRecord;
import org.roomwatch.core.search.VideoSearch;
import org.roomwatch.media.PdqHash;
import org.roomwatch.media.VideoFrameHash;
import org.roomwatch.media.Vpdq;

/**
 * Video search over the media index, exact under the vPDQ rule. Each stored video carries the 16-bit chunk terms of
 * its matching frames. A query frame's partner (within 31) shares a chunk within one bit with it, so a clause per query
 * frame (its chunks and their one-bit neighbours) is true for every video that has a partner for that frame; a video
 * matching a share {@code p} of the query's frames makes at least {@code ceil(p × n)} of the n clauses true. That is
 * asked of the node as the query's minimum-should-match, which leaves, among random videos, practically only true
 * matches to fetch; each is then compared frame by frame here. Not every frame need be asked: among any {@code s} of
 * the query's frames at most {@code n − needed} lack a partner in a matching video, so at least
 * {@code s − (n − needed)} of their clauses hold. Asking about 2.5 times the slack (at least 24 frames) keeps that
 * share high enough to stay selective while the node looks up fewer terms (the cost of a search grows with them: 272
 * per frame). A query with many frames is asked in groups, each with its proportional share (by the pigeonhole
 * principle, a match reaches it in at least one group).
 */
public final class ElasticsearchVideoSearch implements VideoSearch {
    /** Clauses per request: each is a terms query of 272 terms. */
    static final int FRAMES_PER_REQUEST = 256;
    /** The fewest query frames asked of the node (all of them when the query has fewer). */
    static final int MIN_ASKED_FRAMES = 24;
    private static final int PAGE = 500;
    private static final String[] NOT_RETURNED = {"frame_chunks", "pdq_chunks", "pdq_vector"};

    private final ElasticsearchClient client;
    private final IndexNames names;

    public ElasticsearchVideoSearch(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    @Override
    public List<VideoMatch> matches(List<VideoHashes.Frame> query, double queryPercent, double comparedPercent) {
        if (!(queryPercent >= 0 && queryPercent <= 100) || !(comparedPercent >= 0 && comparedPercent <= 100)) {
            throw new IllegalArgumentException("match thresholds are percentages within 0..100, got " + queryPercent + " and "
                    + comparedPercent);
        }
        List<VideoFrameHash> frames = media(query);
        List<VideoFrameHash> prepared = Vpdq.prepared(frames);
        if (prepared.isEmpty()) {
            throw new IllegalArgumentException("no frame of the query has quality " + Vpdq.QUALITY_THRESHOLD
                    + " or more, so nothing can match (vPDQ leaves such frames out)");
        }
        // At least one pair, whatever the threshold: a video sharing no frame with the query is no match.
        int needed = Math.max(1, (int) Math.ceil(prepared.size() * queryPercent / 100.0 - 1e-9));
        int slack = prepared.size() - needed;
        List<VideoFrameHash> asked = spread(prepared, Math.min(prepared.size(), Math.max(MIN_ASKED_FRAMES, (int) Math.ceil(2.5 * slack))));
        int askedNeeded = Math.max(1, asked.size() - slack);
        Map<String, Map<String, Object>> candidates = new java.util.LinkedHashMap<>();
        for (int from = 0; from < asked.size(); from += FRAMES_PER_REQUEST) {
            List<VideoFrameHash> group = asked.subList(from, Math.min(asked.size(), from + FRAMES_PER_REQUEST));
            int groupNeeded = Math.max(1, (int) Math.ceil((double) askedNeeded * group.size() / asked.size() - 1e-9));
            scan(clauses(group, groupNeeded), hit -> candidates.putIfAbsent(hit.id(), hit.source()));
        }
        List<VideoMatch> matches = new ArrayList<>();
        candidates.forEach((sha, source) -> {
            Vpdq.Comparison c = Vpdq.compare(frames, media(VideoDocuments.frames(source)), Vpdq.DISTANCE);
            if (!c.pairs().isEmpty() && c.matches(queryPercent, comparedPercent)) {
                List<FramePair> pairs = c.pairs().stream().map(p -> new FramePair(p.query().frameNumber(), p.query().timestamp(),
                        p.compared().frameNumber(), p.compared().timestamp(), p.distance())).toList();
                matches.add(new VideoMatch(record(source), c.queryPercent(), c.comparedPercent(), pairs));
            }
        });
        matches.sort(Comparator.comparingDouble(VideoMatch::queryPercent).reversed()
                .thenComparing(Comparator.comparingDouble(VideoMatch::comparedPercent).reversed())
                .thenComparing(m -> m.video().sha256()));
        return matches;
    }

    /** {@code count} of the frames, spread evenly over the video (a cut copy keeps some of them wherever it was cut). */
    static List<VideoFrameHash> spread(List<VideoFrameHash> frames, int count) {
        if (count >= frames.size()) {
            return frames;
        }
        List<VideoFrameHash> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(frames.get((int) ((long) i * frames.size() / count)));
        }
        return out;
    }

    /** Videos of which at least {@code needed} of the frames have a chunk within one bit of one of the video's. */
    private Query clauses(List<VideoFrameHash> frames, int needed) {
        return Query.of(q -> q.bool(b -> {
            b.filter(f -> f.term(t -> t.field("kind").value(VideoDocuments.KIND)));
            for (VideoFrameHash frame : frames) {
                List<FieldValue> terms = PdqTerms.neighbourhood(frame.hash(), Vpdq.DISTANCE / 16).stream().map(FieldValue::of).toList();
                b.should(s -> s.terms(t -> t.field("frame_chunks").terms(v -> v.value(terms))));
            }
            return b.minimumShouldMatch(Integer.toString(needed));
        }));
    }

    @Override
    public List<FrameMatch> videosWithFrameNear(List<PdqQuery> queries, int maxDistance) {
        if (maxDistance < 0 || maxDistance > 64) {
            throw new IllegalArgumentException("maxDistance must be within 0..64, got " + maxDistance);
        }
        if (queries.isEmpty()) {
            return List.of();
        }
        List<PdqHash> hashes = queries.stream().map(q -> PdqHash.fromHex(q.pdq())).toList();
        Query query;
        if (maxDistance > 47) {
            // Chunk neighbourhoods past radius 2 explode: look at every video.
            query = Query.of(q -> q.term(t -> t.field("kind").value(VideoDocuments.KIND)));
        } else {
            List<FieldValue> terms = new ArrayList<>();
            for (PdqHash h : hashes) {
                PdqTerms.neighbourhood(h, maxDistance / 16).forEach(t -> terms.add(FieldValue.of(t)));
            }
            query = Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("kind").value(VideoDocuments.KIND)))
                    .filter(f -> f.terms(t -> t.field("frame_chunks").terms(v -> v.value(terms))))));
        }
        List<FrameMatch> matches = new ArrayList<>();
        scan(query, hit -> {
            FrameMatch best = null;
            for (VideoHashes.Frame f : VideoDocuments.frames(hit.source())) {
                if (f.quality() < Vpdq.QUALITY_THRESHOLD) {
                    continue;
                }
                PdqHash stored = PdqHash.fromHex(f.pdq());
                for (int q = 0; q < hashes.size(); q++) {
                    int d = hashes.get(q).distance(stored);
                    if (d <= maxDistance && (best == null || d < best.distance())) {
                        best = new FrameMatch(null, f.frameNumber(), f.timestamp(), d, queries.get(q).label());
                    }
                }
            }
            if (best != null) {
                matches.add(new FrameMatch(record(hit.source()), best.frame(), best.timestamp(), best.distance(), best.matchedAs()));
            }
        });
        matches.sort(Comparator.comparingInt(FrameMatch::distance).thenComparing(m -> m.video().sha256()));
        return matches;
    }

    @Override
    public Optional<VideoRecord> bySha256(String sha256) {
        return source(sha256).map(ElasticsearchVideoSearch::record);
    }

    @Override
    public List<VideoHashes.Frame> frames(String sha256) {
        return source(sha256).map(VideoDocuments::frames).orElse(List.of());
    }

    /** A stored video's document by the SHA-256 of its bytes (a photo's never). */
    private Optional<Map<String, Object>> source(String sha256) {
        String id = sha256.strip().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> found = new ArrayList<>();
        scan(Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("kind").value(VideoDocuments.KIND)))
                .filter(f -> f.ids(i -> i.values(id))))), hit -> found.add(hit.source()));
        return found.stream().findFirst();
    }

    @Override
    public List<VideoRecord> byMd5(String md5) {
        String value = md5.strip().toLowerCase(Locale.ROOT);
        List<VideoRecord> found = new ArrayList<>();
        scan(Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("kind").value(VideoDocuments.KIND)))
                .filter(f -> f.term(t -> t.field("md5").value(value))))), hit -> found.add(record(hit.source())));
        return found;
    }

    /** Every hit of the query with its source (frames included, chunk terms not), paged by SHA-256. */
    private void scan(Query query, java.util.function.Consumer<Hit<Map<String, Object>>> each) {
        List<FieldValue> after = null;
        try {
            while (true) {
                List<FieldValue> searchAfter = after;
                @SuppressWarnings({"unchecked", "rawtypes"})
                SearchResponse<Map<String, Object>> response = (SearchResponse) client.search(s -> {
                    s.index(names.media()).query(query).size(PAGE).trackTotalHits(t -> t.enabled(false))
                            .source(src -> src.filter(f -> f.excludes(List.of(NOT_RETURNED))))
                            .sort(o -> o.field(f -> f.field("sha256").order(SortOrder.Asc)));
                    if (searchAfter != null) {
                        s.searchAfter(searchAfter);
                    }
                    return s;
                }, Map.class);
                List<Hit<Map<String, Object>>> hits = response.hits().hits();
                hits.forEach(each);
                if (hits.size() < PAGE) {
                    return;
                }
                after = hits.get(hits.size() - 1).sort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("video search failed: " + e.getMessage(), e);
        }
    }

    private static List<VideoFrameHash> media(List<VideoHashes.Frame> frames) {
        List<VideoFrameHash> out = new ArrayList<>(frames.size());
        for (VideoHashes.Frame f : frames) {
            out.add(new VideoFrameHash(f.frameNumber(), f.quality(), PdqHash.fromHex(f.pdq()), f.timestamp()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static VideoRecord record(Map<String, Object> s) {
        return new VideoRecord((String) s.get("sha256"), (String) s.get("md5"),
                s.get("bytes") == null ? 0 : ((Number) s.get("bytes")).longValue(),
                s.get("duration_seconds") == null ? 0 : ((Number) s.get("duration_seconds")).doubleValue(),
                ElasticsearchImageSearch.number(s.get("width")), ElasticsearchImageSearch.number(s.get("height")), (String) s.get("format"), ElasticsearchImageSearch.number(s.get("frames_hashed")),
                List.copyOf((List<String>) s.getOrDefault("rooms", List.of())),
                List.copyOf((List<String>) s.getOrDefault("messages", List.of())),
                Boolean.TRUE.equals(s.get("messages_truncated")), ElasticsearchImageSearch.number(s.get("count")),
                ElasticsearchImageSearch.instant(s.get("first_seen")), ElasticsearchImageSearch.instant(s.get("last_seen")));
    }

}
