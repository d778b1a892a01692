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
import co.elastic.clients.json.JsonData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.RoomQuery;
import org.roomwatch.core.search.SearchPage;
import org.roomwatch.core.search.SearchService;

/**
 * Investigators' searches over the index. Text is matched twice: through the Korean analyzer (words and their
 * parts) and through bigrams (any two-syllable run), so slang and unseen compounds are found too.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class ElasticsearchSearchService implements SearchService {
    private final ElasticsearchClient client;
    private final IndexNames names;

    public ElasticsearchSearchService(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    @Override
    public SearchPage messages(MessageQuery q) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (q.text() != null) {
            bool.must(textQuery(q.text(), "text"));
        }
        if (q.room() != null) {
            bool.filter(Query.of(f -> f.term(t -> t.field(q.room().contains(":") ? "room_id" : "room").value(q.room()))));
        }
        if (q.from() != null || q.to() != null) {
            bool.filter(Query.of(f -> f.range(r -> r.untyped(u -> {
                u.field("posted_at");
                if (q.from() != null) u.gte(JsonData.of(q.from().toString()));
                if (q.to() != null) u.lte(JsonData.of(q.to().toString()));
                return u;
            }))));
        }
        if (q.hasMedia() != null) {
            bool.filter(Query.of(f -> f.term(t -> t.field("has_media").value(q.hasMedia()))));
        }
        SearchRequest.Builder request = new SearchRequest.Builder()
                .index(names.messages())
                .query(Query.of(b -> b.bool(bool.build())))
                .from((q.page() - 1) * q.size())
                .size(q.size())
                .trackTotalHits(t -> t.enabled(true));
        switch (q.sort()) {
            case NEWEST -> request.sort(s -> s.field(f -> f.field("posted_at").order(SortOrder.Desc)));
            case OLDEST -> request.sort(s -> s.field(f -> f.field("posted_at").order(SortOrder.Asc)));
            case RELEVANCE -> request.sort(s -> s.score(sc -> sc.order(SortOrder.Desc)))
                    .sort(s -> s.field(f -> f.field("posted_at").order(SortOrder.Desc)));
        }
        if (q.highlight() && q.text() != null) {
            request.highlight(h -> h.preTags("<mark>").postTags("</mark>").fragmentSize(160).numberOfFragments(3)
                    .fields("text", f -> f)
                    .fields("text.bigram", f -> f));
        }
        return page(run(request.build()), q.page(), q.size());
    }

    @Override
    public SearchPage rooms(RoomQuery q) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (q.text() != null) {
            bool.must(Query.of(m -> m.bool(b -> b
                    .should(textQuery(q.text(), "title"))
                    .should(textQuery(q.text(), "description"))
                    .minimumShouldMatch("1"))));
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
                    org.roomwatch.core.search.MessageSort.NEWEST, 1, latestMessages, false));
            return Optional.of(new RoomDetail(room, latest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Words through the Korean analyzer, or two-syllable runs through the bigram field; all terms required. */
    private static Query textQuery(String text, String field) {
        return Query.of(q -> q.bool(b -> b
                .should(s -> s.match(m -> m.field(field).query(text).operator(Operator.And)))
                .should(s -> s.match(m -> m.field(field + ".bigram").query(text).operator(Operator.And)))
                .minimumShouldMatch("1")));
    }

    private SearchResponse<Map> run(SearchRequest request) {
        try {
            return client.search(request, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("search failed: " + e.getMessage(), e);
        }
    }

    private static SearchPage page(SearchResponse<Map> response, int page, int size) {
        List<org.roomwatch.core.search.Hit> hits = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            List<String> highlights = new ArrayList<>(hit.highlight().getOrDefault("text", List.of()));
            if (highlights.isEmpty()) {
                highlights.addAll(hit.highlight().getOrDefault("text.bigram", List.of()));
            }
            hits.add(new org.roomwatch.core.search.Hit(hit.id(), hit.score(), hit.source(), highlights));
        }
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        return new SearchPage(total, page, size, hits);
    }
}
