package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Every document a search matches, a page at a time, through a point in time: one consistent view that writes and
 * deletes made meanwhile (by the caller too) do not shift, in constant memory however many documents match.
 */
final class PitScan {
    /** Receives each page of hits, in index order. */
    @FunctionalInterface
    interface Pages {
        @SuppressWarnings("rawtypes")
        void page(List<Hit<Map>> hits) throws IOException;
    }

    private PitScan() {}

    /** Scans {@code index}; {@code shape} adds the query and what to fetch (none: every document, whole). */
    @SuppressWarnings("rawtypes")
    static void scan(ElasticsearchClient client, String index, int pageSize, UnaryOperator<SearchRequest.Builder> shape, Pages pages)
            throws IOException {
        String pit = client.openPointInTime(p -> p.index(index).keepAlive(k -> k.time("2m"))).id();
        try {
            List<FieldValue> after = null;
            while (true) {
                String pitId = pit;
                List<FieldValue> searchAfter = after;
                SearchResponse<Map> page = client.search(s -> {
                    shape.apply(s.pit(p -> p.id(pitId).keepAlive(k -> k.time("2m"))).size(pageSize)
                            .sort(o -> o.field(f -> f.field("_shard_doc").order(SortOrder.Asc))));
                    if (searchAfter != null) {
                        s.searchAfter(searchAfter);
                    }
                    return s;
                }, Map.class);
                List<Hit<Map>> hits = page.hits().hits();
                if (!hits.isEmpty()) {
                    pages.page(hits);
                }
                if (hits.size() < pageSize) {
                    return;
                }
                after = hits.get(hits.size() - 1).sort();
                pit = page.pitId() != null ? page.pitId() : pit;
            }
        } finally {
            String id = pit;
            try {
                client.closePointInTime(c -> c.id(id));
            } catch (Exception ignored) {
                // it expires on its own
            }
        }
    }
}
