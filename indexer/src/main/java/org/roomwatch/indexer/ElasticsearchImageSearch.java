package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.roomwatch.core.search.ImageMatch;
import org.roomwatch.core.search.ImageRecord;
import org.roomwatch.core.search.ImageSearch;
import org.roomwatch.media.PdqHash;

/**
 * Image search over the media index. Near duplicates are found exactly, by one of two methods (chosen by
 * measurement, see the image benchmark): multi-index hashing ({@code mih}: query the 16-bit chunks and their
 * neighbours, then check each candidate's true distance) or a scan of the flat bit-vector field ({@code flat}).
 * Distances above 47 need chunk radii whose term lists explode; those are answered by a scan of every hash.
 */
public final class ElasticsearchImageSearch implements ImageSearch {
    private static final int PAGE = 10_000;

    /**
     * {@code MIH}: chunk terms find candidates, distances are checked here. {@code FLAT}: the node scans every
     * vector. {@code MIH_FLAT}: chunk terms filter, and the node checks exact distances on the vectors of just those
     * candidates, so only true matches come back.
     */
    public enum Method { MIH, FLAT, MIH_FLAT }

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final Method method;

    public ElasticsearchImageSearch(ElasticsearchClient client, IndexNames names, Method method) {
        this.client = client;
        this.names = names;
        this.method = method;
    }

    public static Method method(String name) {
        return Method.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    @Override
    public List<ImageMatch> nearDuplicates(List<PdqQuery> queries, int maxDistance) {
        if (maxDistance < 0 || maxDistance > PdqHash.BITS) {
            throw new IllegalArgumentException("maxDistance must be within 0..256, got " + maxDistance);
        }
        if (queries.isEmpty()) {
            return List.of();
        }
        List<PdqHash> hashes = queries.stream().map(q -> PdqHash.fromHex(q.pdq())).toList();
        Map<String, PdqHash> candidates = maxDistance > 47 ? allHashes() : switch (method) {
            case MIH -> mihCandidates(hashes, maxDistance);
            case FLAT -> flatCandidates(hashes, maxDistance, false);
            case MIH_FLAT -> flatCandidates(hashes, maxDistance, true);
        };
        Map<String, int[]> best = new HashMap<>(); // sha256 -> {distance, query index}
        candidates.forEach((sha, stored) -> {
            for (int q = 0; q < hashes.size(); q++) {
                int d = hashes.get(q).distance(stored);
                int[] current = best.get(sha);
                if (d <= maxDistance && (current == null || d < current[0])) {
                    best.put(sha, new int[] {d, q});
                }
            }
        });
        if (best.isEmpty()) {
            return List.of();
        }
        Map<String, ImageRecord> records = records(new ArrayList<>(best.keySet()));
        List<ImageMatch> matches = new ArrayList<>();
        best.forEach((sha, dq) -> {
            ImageRecord record = records.get(sha);
            if (record != null) {
                matches.add(new ImageMatch(record, dq[0], queries.get(dq[1]).label()));
            }
        });
        matches.sort(Comparator.comparingInt(ImageMatch::distance).thenComparing(m -> m.image().sha256()));
        return matches;
    }

    /** Candidates sharing a chunk within floor(d/16) bits with any query hash: a superset of the true matches. */
    Map<String, PdqHash> mihCandidates(List<PdqHash> hashes, int maxDistance) {
        Set<String> terms = new LinkedHashSet<>();
        for (PdqHash h : hashes) {
            terms.addAll(PdqTerms.neighbourhood(h, maxDistance / 16));
        }
        List<FieldValue> values = terms.stream().map(FieldValue::of).toList();
        return scan(Query.of(q -> q.constantScore(c -> c.filter(f -> f.terms(t -> t.field("pdq_chunks").terms(v -> v.value(values)))))));
    }

    /**
     * Exact distances on the flat vector field with the distance as the similarity threshold, per query hash: over
     * every vector, or ({@code chunkFilter}) over the candidates sharing a chunk neighbourhood with the hash.
     */
    Map<String, PdqHash> flatCandidates(List<PdqHash> hashes, int maxDistance, boolean chunkFilter) {
        Map<String, PdqHash> found = new HashMap<>();
        for (PdqHash h : hashes) {
            try {
                List<FieldValue> terms = chunkFilter
                        ? PdqTerms.neighbourhood(h, maxDistance / 16).stream().map(FieldValue::of).toList() : List.of();
                SearchResponse<Void> response = client.search(s -> s.index(names.media())
                        .knn(k -> {
                            k.field("pdq_vector").queryVector(bitVector(h)).k(PAGE).numCandidates(PAGE).similarity((float) maxDistance);
                            if (chunkFilter) {
                                k.filter(f -> f.terms(t -> t.field("pdq_chunks").terms(v -> v.value(terms))));
                            }
                            return k;
                        })
                        .size(PAGE).source(src -> src.fetch(false)).docvalueFields(f -> f.field("pdq")), Void.class);
                if (response.hits().hits().size() >= PAGE) {
                    // k caps what one kNN query returns; past it, fall back to a scan so nothing is missed.
                    return allHashes();
                }
                collect(response.hits().hits(), found);
            } catch (IOException e) {
                throw new UncheckedIOException("image search failed: " + e.getMessage(), e);
            }
        }
        return found;
    }

    private static List<Float> bitVector(PdqHash h) {
        List<Float> bytes = new ArrayList<>(32);
        String hex = h.hex();
        for (int i = 0; i < 64; i += 2) {
            bytes.add((float) (byte) Integer.parseInt(hex.substring(i, i + 2), 16));
        }
        return bytes;
    }

    private Map<String, PdqHash> allHashes() {
        return scan(Query.of(q -> q.exists(e -> e.field("pdq")))); // photos: a video's frames are matched by VideoSearch
    }

    /** Every hit of the query, paged by SHA-256, with only the PDQ doc value fetched. */
    private Map<String, PdqHash> scan(Query query) {
        Map<String, PdqHash> found = new HashMap<>();
        List<FieldValue> after = null;
        try {
            while (true) {
                List<FieldValue> searchAfter = after;
                SearchResponse<Void> response = client.search(s -> {
                    s.index(names.media()).query(query).size(PAGE).trackTotalHits(t -> t.enabled(false))
                            .source(src -> src.fetch(false)).docvalueFields(f -> f.field("pdq"))
                            .sort(o -> o.field(f -> f.field("sha256").order(SortOrder.Asc)));
                    if (searchAfter != null) {
                        s.searchAfter(searchAfter);
                    }
                    return s;
                }, Void.class);
                List<Hit<Void>> hits = response.hits().hits();
                collect(hits, found);
                if (hits.size() < PAGE) {
                    return found;
                }
                after = hits.get(hits.size() - 1).sort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("image search failed: " + e.getMessage(), e);
        }
    }

    private static void collect(List<Hit<Void>> hits, Map<String, PdqHash> into) {
        for (Hit<Void> hit : hits) {
            JsonData pdq = hit.fields().get("pdq");
            String hex = pdq.toJson().asJsonArray().getString(0);
            into.put(hit.id(), PdqHash.fromHex(hex));
        }
    }

    @Override
    public Optional<ImageRecord> bySha256(String sha256) {
        return Optional.ofNullable(records(List.of(sha256.toLowerCase(Locale.ROOT))).get(sha256.toLowerCase(Locale.ROOT)));
    }

    @Override
    public List<ImageRecord> byMd5(String md5) {
        return byField("md5", List.of(md5.toLowerCase(Locale.ROOT))).getOrDefault(md5.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public Map<String, List<ImageRecord>> lookup(List<String> digests) {
        Map<String, List<ImageRecord>> out = new LinkedHashMap<>();
        List<String> sha = new ArrayList<>();
        List<String> md5 = new ArrayList<>();
        for (String d : digests) {
            String key = d.strip().toLowerCase(Locale.ROOT);
            out.put(key, new ArrayList<>());
            (key.length() == 64 ? sha : md5).add(key);
        }
        if (!sha.isEmpty()) {
            records(sha).forEach((k, v) -> out.get(k).add(v));
        }
        if (!md5.isEmpty()) {
            byField("md5", md5).forEach((k, v) -> out.get(k).addAll(v));
        }
        return out;
    }

    private Map<String, List<ImageRecord>> byField(String field, List<String> values) {
        Map<String, List<ImageRecord>> out = new HashMap<>();
        List<FieldValue> terms = values.stream().map(FieldValue::of).toList();
        try {
            @SuppressWarnings({"unchecked", "rawtypes"})
            SearchResponse<Map<String, Object>> response = (SearchResponse) client.search(s -> s.index(names.media())
                    .query(q -> q.bool(b -> b.filter(f -> f.terms(t -> t.field(field).terms(v -> v.value(terms))))
                            .mustNot(n -> n.term(t -> t.field("kind").value(VideoDocuments.KIND))))).size(PAGE), Map.class);
            for (Hit<Map<String, Object>> hit : response.hits().hits()) {
                ImageRecord record = record(hit.source());
                out.computeIfAbsent(field.equals("md5") ? record.md5() : record.sha256(), k -> new ArrayList<>()).add(record);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("image lookup failed: " + e.getMessage(), e);
        }
    }

    /** Full records by SHA-256 (document id). */
    private Map<String, ImageRecord> records(List<String> ids) {
        Map<String, ImageRecord> out = new HashMap<>();
        try {
            for (int i = 0; i < ids.size(); i += PAGE) {
                List<String> slice = ids.subList(i, Math.min(ids.size(), i + PAGE));
                @SuppressWarnings({"unchecked", "rawtypes"})
                var response = (co.elastic.clients.elasticsearch.core.MgetResponse<Map<String, Object>>) (co.elastic.clients.elasticsearch.core.MgetResponse)
                        client.mget(g -> g.index(names.media()).ids(slice).sourceExcludes("pdq_chunks", "pdq_vector", "frames", "frame_chunks"), Map.class);
                for (var item : response.docs()) {
                    if (item.isResult() && item.result().found() && !VideoDocuments.KIND.equals(item.result().source().get("kind"))) {
                        out.put(item.result().id(), record(item.result().source()));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("image lookup failed: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static ImageRecord record(Map<String, Object> s) {
        return new ImageRecord((String) s.get("sha256"), (String) s.get("md5"), (String) s.get("pdq"), number(s.get("quality")),
                number(s.get("width")), number(s.get("height")), (String) s.get("format"),
                s.get("bytes") == null ? 0 : ((Number) s.get("bytes")).longValue(),
                List.copyOf((List<String>) s.getOrDefault("rooms", List.of())),
                List.copyOf((List<String>) s.getOrDefault("messages", List.of())),
                Boolean.TRUE.equals(s.get("messages_truncated")), number(s.get("count")),
                instant(s.get("first_seen")), instant(s.get("last_seen")));
    }

    static int number(Object o) {
        return o == null ? 0 : ((Number) o).intValue();
    }

    static Instant instant(Object o) {
        return o == null ? null : Instant.parse((String) o);
    }
}
