package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.TotalHitsRelation;
import co.elastic.clients.json.JsonData;
import java.io.IOException;
import java.io.UncheckedIOException;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.roomwatch.core.search.MessageFilters;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.RoomQuery;
import org.roomwatch.core.search.SearchPage;
import org.roomwatch.core.search.SearchSyntax;
import org.roomwatch.core.search.SearchService;
import org.roomwatch.tagging.Tagging;

/**
 * Investigators' searches over the index. Text is matched twice: through the Korean analyzer (words and their
 * parts) and through bigrams (any two-syllable run), so slang and unseen compounds are found too.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class ElasticsearchSearchService implements SearchService {
    private final ElasticsearchClient client;
    private final IndexNames names;
    private final SchoolsNamed schoolsNamed;
    private final MessageSearchQuery queries;

    /** Text matched through the analyzers only. */
    public ElasticsearchSearchService(ElasticsearchClient client, IndexNames names) {
        this(client, names, null);
    }

    /**
     * A word or phrase of a search that names a school (as the tagger reads it: 한빛여고, ㅎㅂ여고, hanbit yeogo) also
     * finds what was tagged with that school, so the forms rooms hide it in (한.빛.여.고, hanbit_yeogo), which no
     * analyzer matches, are found as well.
     */
    public ElasticsearchSearchService(ElasticsearchClient client, IndexNames names, Supplier<Tagging> tagging) {
        this.client = client;
        this.names = names;
        this.schoolsNamed = new SchoolsNamed(tagging);
        this.queries = new MessageSearchQuery(schoolsNamed);
    }

    @Override
    public SearchPage messages(MessageQuery q) {
        BoolQuery.Builder bool = queries.messages(q);
        SearchRequest.Builder request = new SearchRequest.Builder()
                .index(names.messages())
                .query(Query.of(b -> b.bool(bool.build())))
                .from((q.page() - 1) * q.size())
                .size(q.size())
                // Facets visit every match, so the count is exact for free; without them, counting stops where the
                // pages stop (the window), which lets the engine skip matches that cannot make the page (WAND, or the
                // date sort's skipping): a common word matches most of the index, and an exact count visited it all.
                .trackTotalHits(t -> q.facets() ? t.enabled(true) : t.count(MessageQuery.MAX_WINDOW));
        if (q.facets()) {
            request.aggregations("school", a -> a.terms(t -> t.field("school_ids").size(20)))
                    .aggregations("region", a -> a.terms(t -> t.field("school_sido").size(20)))
                    .aggregations("level", a -> a.terms(t -> t.field("school_levels").size(5)));
        }
        switch (q.sort()) {
            case NEWEST -> request.sort(s -> s.field(f -> f.field("posted_at").order(SortOrder.Desc)));
            case OLDEST -> request.sort(s -> s.field(f -> f.field("posted_at").order(SortOrder.Asc)));
            case RELEVANCE -> request.sort(s -> s.score(sc -> sc.order(SortOrder.Desc)))
                    .sort(s -> s.field(f -> f.field("posted_at").order(SortOrder.Desc)));
        }
        if (q.highlight() && q.text() != null) {
            request.highlight(h -> h.preTags("<mark>").postTags("</mark>").fragmentSize(160).numberOfFragments(3)
                    .fields("text", f -> f)
                    .fields("text.bigram", f -> f)
                    .fields("image_text", f -> f)
                    .fields("image_text.bigram", f -> f));
        }
        return page(run(request.build()), q.page(), q.size());
    }

    @Override
    public SearchPage rooms(RoomQuery q) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (q.text() != null) {
            List<String> schools = schoolsNamed.by(q.text());
            bool.must(Query.of(m -> m.bool(b -> {
                b.should(MessageSearchQuery.textQuery(q.text(), "title")).should(MessageSearchQuery.textQuery(q.text(), "description"));
                String word = q.text().strip();
                if (word.length() >= 3 && word.chars().noneMatch(Character::isWhitespace)) {
                    // Part of a username (gossip finds hanbit_gossip): officers know rooms by their t.me names too.
                    b.should(s -> s.wildcard(w -> w.field("name").value("*" + word.replace("\\", "\\\\").replace("*", "\\*")
                            .replace("?", "\\?") + "*").caseInsensitive(true)));
                }
                if (!schools.isEmpty()) {
                    b.should(MessageSearchQuery.terms("school_ids", schools)); // its title, description or username names the school
                }
                return b.minimumShouldMatch("1");
            })));
        }
        if (q.platform() != null) {
            bool.filter(Query.of(f -> f.term(t -> t.field("platform").value(q.platform()))));
        }
        if (q.minMembers() != null || q.maxMembers() != null) {
            bool.filter(Query.of(f -> f.range(r -> r.untyped(u -> {
                u.field("audience");
                if (q.minMembers() != null) u.gte(JsonData.of(q.minMembers()));
                if (q.maxMembers() != null) u.lte(JsonData.of(q.maxMembers()));
                return u;
            }))));
        }
        SearchRequest request = new SearchRequest.Builder()
                .index(names.rooms())
                .query(Query.of(b -> b.bool(bool.build())))
                .from((q.page() - 1) * q.size()).size(q.size())
                .trackTotalHits(t -> t.enabled(true))
                .sort(s -> s.score(sc -> sc.order(SortOrder.Desc)))
                .sort(s -> s.field(f -> f.field("audience").order(SortOrder.Desc).missing(FieldValue.of("_last"))))
                .build();
        return page(run(request), q.page(), q.size());
    }

    @Override
    public Optional<RoomDetail> room(String roomId, int latestMessages) {
        try {
            var got = client.get(g -> g.index(names.rooms()).id(roomId), Map.class);
            if (!got.found()) {
                return Optional.empty();
            }
            org.roomwatch.core.search.Hit room = new org.roomwatch.core.search.Hit(got.id(), null, got.source(), List.of());
            SearchPage latest = messages(new MessageQuery(null, roomId, null, null, null,
                    org.roomwatch.core.search.MessageSort.NEWEST, 1, latestMessages, false).withoutFacets());
            List<Map<String, Object>> history = new java.util.ArrayList<>();
            var versions = client.search(s -> s.index(names.roomVersions()).size(50)
                    .query(q -> q.term(t -> t.field("room_id").value(roomId)))
                    .sort(o -> o.field(f -> f.field("first_captured_at").order(co.elastic.clients.elasticsearch._types.SortOrder.Asc))),
                    Map.class);
            for (var h : versions.hits().hits()) {
                history.add(h.source());
            }
            return Optional.of(new RoomDetail(room, latest, history));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SearchResponse<Map> run(SearchRequest request) {
        try {
            return client.search(request, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("search failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, SchoolCounts> schoolCounts(List<String> schoolIds) {
        Map<String, SchoolCounts> out = new LinkedHashMap<>();
        if (schoolIds.isEmpty()) {
            return out;
        }
        Map<String, Long> messages = countBy(names.messages(), schoolIds);
        Map<String, Long> rooms = countBy(names.rooms(), schoolIds);
        for (String id : schoolIds) {
            out.put(id, new SchoolCounts(messages.getOrDefault(id, 0L), rooms.getOrDefault(id, 0L)));
        }
        return out;
    }

    private Map<String, Long> countBy(String index, List<String> ids) {
        List<FieldValue> values = ids.stream().map(FieldValue::of).toList();
        try {
            SearchResponse<Void> response = client.search(s -> s.index(index).size(0)
                    .query(q -> q.terms(t -> t.field("school_ids").terms(v -> v.value(values))))
                    .aggregations("by", a -> a.terms(t -> t.field("school_ids").size(Math.max(10, ids.size() * 2)))), Void.class);
            Map<String, Long> counts = new HashMap<>();
            for (StringTermsBucket b : response.aggregations().get("by").sterms().buckets().array()) {
                counts.put(b.key().stringValue(), b.docCount());
            }
            return counts;
        } catch (IOException e) {
            throw new UncheckedIOException("school counts failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<SchoolRoom> schoolRooms(String schoolId, int size) {
        try {
            // Rooms whose messages are tagged with the school, with the best-matching message as evidence.
            SearchResponse<Void> byMessages = client.search(s -> s.index(names.messages()).size(0)
                    .query(q -> q.term(t -> t.field("school_ids").value(schoolId)))
                    .aggregations("rooms", a -> a.terms(t -> t.field("room_id").size(size))
                            .aggregations("evidence", e -> e.topHits(h -> h.size(1)
                                    .sort(o -> o.field(fs -> fs.field("posted_at").order(SortOrder.Desc)))
                                    .source(src -> src.filter(sf -> sf.includes("message_id", "permalink", "text", "posted_at", "schools")))))), Void.class);
            Map<String, long[]> counts = new LinkedHashMap<>();
            Map<String, Map<String, Object>> evidence = new HashMap<>();
            for (StringTermsBucket b : byMessages.aggregations().get("rooms").sterms().buckets().array()) {
                counts.put(b.key().stringValue(), new long[] {b.docCount()});
                var hits = b.aggregations().get("evidence").topHits().hits().hits();
                if (!hits.isEmpty()) {
                    Map<String, Object> source = hits.get(0).source().to(Map.class);
                    evidence.put(b.key().stringValue(), evidenceOf(hits.get(0).id(), source, schoolId));
                }
            }
            // Rooms named for the school.
            SearchResponse<Map> named = client.search(s -> s.index(names.rooms()).size(size)
                    .query(q -> q.term(t -> t.field("school_ids").value(schoolId))), Map.class);
            Map<String, Map<String, Object>> roomDocs = new HashMap<>();
            for (Hit<Map> hit : named.hits().hits()) {
                roomDocs.put(hit.id(), hit.source());
                counts.putIfAbsent(hit.id(), new long[] {0});
            }
            List<String> missing = counts.keySet().stream().filter(id -> !roomDocs.containsKey(id)).toList();
            if (!missing.isEmpty()) {
                var got = client.mget(g -> g.index(names.rooms()).ids(missing), Map.class);
                for (var item : got.docs()) {
                    if (item.isResult() && item.result().found()) {
                        roomDocs.put(item.result().id(), (Map<String, Object>) item.result().source());
                    }
                }
            }
            List<SchoolRoom> out = new ArrayList<>();
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                Map<String, Object> room = roomDocs.getOrDefault(e.getKey(), Map.of());
                boolean namedFor = named.hits().hits().stream().anyMatch(h -> h.id().equals(e.getKey()));
                Map<String, Object> proof = evidence.get(e.getKey());
                if (proof == null && namedFor) {
                    proof = Map.of("in", "room title, description or username", "title", String.valueOf(room.get("title")),
                            "matched", matchedIn((List<Map<String, Object>>) room.get("schools"), schoolId));
                }
                out.add(new SchoolRoom(e.getKey(), (String) room.get("title"), namedFor, e.getValue()[0], proof));
            }
            out.sort((a, b) -> a.namedForSchool() != b.namedForSchool() ? (a.namedForSchool() ? -1 : 1) : Long.compare(b.messages(), a.messages()));
            return out.size() > size ? out.subList(0, size) : out;
        } catch (IOException e) {
            throw new UncheckedIOException("school rooms failed: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> evidenceOf(String id, Map<String, Object> source, String schoolId) {
        Map<String, Object> proof = new LinkedHashMap<>();
        proof.put("in", "message");
        proof.put("message", id);
        proof.put("permalink", source.get("permalink"));
        proof.put("posted_at", source.get("posted_at"));
        String matched = matchedIn((List<Map<String, Object>>) source.get("schools"), schoolId);
        proof.put("matched", matched);
        String text = (String) source.get("text");
        if (text != null) {
            int at = matched == null ? -1 : text.indexOf(matched);
            int from = Math.max(0, at - 60);
            proof.put("snippet", text.substring(from, Math.min(text.length(), Math.max(at, 0) + 100)));
        }
        return proof;
    }

    private static String matchedIn(List<Map<String, Object>> schools, String schoolId) {
        if (schools == null) {
            return null;
        }
        return schools.stream().filter(s -> schoolId.equals(s.get("id"))).map(s -> (String) s.get("matched")).findFirst().orElse(null);
    }

    private static SearchPage page(SearchResponse<Map> response, int page, int size) {
        List<org.roomwatch.core.search.Hit> hits = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            List<String> highlights = new ArrayList<>(hit.highlight().getOrDefault("text", List.of()));
            if (highlights.isEmpty()) {
                highlights.addAll(hit.highlight().getOrDefault("text.bigram", List.of()));
            }
            // Words found in a picture's text are shown too, marked as such by the page (the fragment comes from image_text).
            List<String> inPicture = hit.highlight().getOrDefault("image_text", hit.highlight().getOrDefault("image_text.bigram", List.of()));
            inPicture.forEach(fragment -> highlights.add(org.roomwatch.core.search.Hit.PICTURE_MARK + fragment));
            hits.add(new org.roomwatch.core.search.Hit(hit.id(), hit.score(), hit.source(), highlights));
        }
        var counted = response.hits().total();
        long total = counted == null ? hits.size() : counted.value();
        boolean capped = counted != null && counted.relation() == TotalHitsRelation.Gte;
        Map<String, List<SearchPage.Facet>> facets = new LinkedHashMap<>();
        response.aggregations().forEach((name, agg) -> {
            if (agg.isSterms()) {
                facets.put(name, agg.sterms().buckets().array().stream()
                        .map(b -> new SearchPage.Facet(b.key().stringValue(), b.docCount())).toList());
            }
        });
        return new SearchPage(total, page, size, hits, facets, capped);
    }
}
