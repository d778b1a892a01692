package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
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
import org.roomwatch.tagging.Tagging;

/** A message with its versions, and the export of a search's every match (through a point in time). */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class ElasticsearchMessageViews implements MessageViews {
    /** Versions shown with a message: edits are rare, and a message edited more often than this is shown its newest. */
    static final int MAX_VERSIONS = 100;
    private static final int EXPORT_PAGE = 1_000;

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
