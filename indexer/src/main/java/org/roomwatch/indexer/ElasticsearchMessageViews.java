package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.MessageViews;
import org.roomwatch.core.search.SearchPage;
import org.roomwatch.tagging.Tagging;

/** A message with its versions, and the export of a search's every match (through a point in time). */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class ElasticsearchMessageViews implements MessageViews {
    /** Versions shown with a message: edits are rare, and a message edited more often than this is shown its newest. */
    static final int MAX_VERSIONS = 100;
    private static final int EXPORT_PAGE = 1_000;
    /** How long a deep walk's view is kept between two pages. */
    private static final String KEEP_ALIVE = "5m";

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final MessageSearchQuery queries;

    public ElasticsearchMessageViews(ElasticsearchClient client, IndexNames names, Supplier<Tagging> tagging) {
        this.client = client;
        this.names = names;
        this.queries = new MessageSearchQuery(new SchoolsNamed(tagging));
    }

    @Override
    public Optional<MessageView> message(String id) {
        try {
            var got = client.get(g -> g.index(names.messages()).id(id), Map.class);
            if (!got.found()) {
                return Optional.empty();
            }
            var versions = client.search(s -> s.index(names.messageVersions()).size(MAX_VERSIONS)
                    .query(q -> q.term(t -> t.field("message").value(id)))
                    .sort(o -> o.field(f -> f.field("first_captured_at").order(SortOrder.Desc))), Map.class);
            List<Map<String, Object>> history = new ArrayList<>();
            for (Hit<Map> h : versions.hits().hits()) {
                history.add(0, h.source()); // asked newest first so the cap keeps the newest; shown oldest first
            }
            return Optional.of(new MessageView(got.id(), got.source(), history));
        } catch (IOException e) {
            throw new UncheckedIOException("reading message " + id + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> texts(List<String> ids) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try {
            var got = client.mget(m -> m.index(names.messages()).ids(ids).sourceIncludes("text"), Map.class);
            for (var item : got.docs()) {
                if (item.isResult() && item.result().found() && item.result().source() != null) {
                    Object text = ((Map<String, Object>) item.result().source()).get("text");
                    out.put(item.result().id(), text == null ? "" : String.valueOf(text));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading messages failed: " + e.getMessage(), e);
        }
    }

    @Override
    public CursorPage scroll(MessageQuery q, String cursor, int skip) {
        if (skip < 0 || skip > MessageQuery.MAX_WINDOW) {
            throw new IllegalArgumentException("skip must be within 0.." + MessageQuery.MAX_WINDOW + ", got " + skip);
        }
        MessageCursor from = cursor == null ? null : MessageCursor.decode(cursor);
        Query matched = Query.of(x -> x.bool(queries.messages(q).build()));
        try {
            String pit = from != null ? from.pit()
                    : client.openPointInTime(p -> p.index(names.messages()).keepAlive(k -> k.time(KEEP_ALIVE))).id();
            List<FieldValue> after = from == null ? null : from.after();
            if (from == null && skip > 0) {
                // The hit just before the page, read in the same point in time: its sort values are where the page resumes.
                SearchResponse<Map> before = client.search(request(q, matched, pit, null, skip - 1, 1, false), Map.class);
                if (before.hits().hits().isEmpty()) {
                    return new CursorPage(new SearchPage(total(before), 0, q.size(), List.of()), null);
                }
                after = before.hits().hits().get(0).sort();
                pit = before.pitId() == null ? pit : before.pitId();
            }
            SearchResponse<Map> page = client.search(request(q, matched, pit, after, 0, q.size(), q.highlight()), Map.class);
            List<org.roomwatch.core.search.Hit> hits = new ArrayList<>();
            for (Hit<Map> h : page.hits().hits()) {
                List<String> highlights = new ArrayList<>(h.highlight().getOrDefault("text", List.of()));
                if (highlights.isEmpty()) {
                    highlights.addAll(h.highlight().getOrDefault("text.bigram", List.of()));
                }
                hits.add(new org.roomwatch.core.search.Hit(h.id(), h.score(), h.source(), highlights));
            }
            List<Hit<Map>> raw = page.hits().hits();
            String next = raw.size() < q.size() ? null
                    : new MessageCursor(page.pitId() == null ? pit : page.pitId(), raw.get(raw.size() - 1).sort()).encode();
            return new CursorPage(new SearchPage(total(page), 0, q.size(), hits), next);
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            if (e.status() == 404 || String.valueOf(e.getMessage()).contains("search_context_missing")) {
                throw new IllegalArgumentException("cursor has expired (a walk keeps its view " + KEEP_ALIVE
                        + " between pages); start the search again");
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("search failed: " + e.getMessage(), e);
        }
    }

    private static long total(SearchResponse<Map> response) {
        return response.hits().total() == null ? response.hits().hits().size() : response.hits().total().value();
    }

    /** A search in a point in time, sorted as the query asks (the point in time adds its own tie-breaker). */
    private static SearchRequest request(MessageQuery q, Query matched, String pit, List<FieldValue> after, int from, int size,
                                         boolean highlight) {
        SearchRequest.Builder s = new SearchRequest.Builder().query(matched).pit(p -> p.id(pit).keepAlive(k -> k.time(KEEP_ALIVE)))
                .from(from).size(size).trackTotalHits(t -> t.enabled(true));
        switch (q.sort()) {
            case NEWEST -> s.sort(o -> o.field(f -> f.field("posted_at").order(SortOrder.Desc)));
            case OLDEST -> s.sort(o -> o.field(f -> f.field("posted_at").order(SortOrder.Asc)));
            case RELEVANCE -> s.sort(o -> o.score(sc -> sc.order(SortOrder.Desc))).sort(o -> o.field(f -> f.field("posted_at").order(SortOrder.Desc)));
        }
        if (after != null) {
            s.searchAfter(after);
        }
        if (highlight && q.text() != null) {
            s.highlight(h -> h.preTags("<mark>").postTags("</mark>").fragmentSize(160).numberOfFragments(3)
                    .fields("text", f -> f).fields("text.bigram", f -> f));
        }
        return s.build();
    }

    @Override
    public long export(MessageQuery query, Each each) throws IOException {
        Query matched = Query.of(q -> q.bool(queries.messages(query).build()));
        long[] count = {0};
        PitScan.scan(client, names.messages(), EXPORT_PAGE, s -> s.query(matched), hits -> {
            for (Hit<Map> hit : hits) {
                each.accept(new org.roomwatch.core.search.Hit(hit.id(), null, hit.source(), List.of()));
                count[0]++;
            }
        });
        return count[0];
    }
}
