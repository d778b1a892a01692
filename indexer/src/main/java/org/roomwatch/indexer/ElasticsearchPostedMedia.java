package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.roomwatch.core.cases.PostedMedia;

/** The media a room's or a poster's messages carry, by a terms aggregation over the messages' media SHA-256s. */
public final class ElasticsearchPostedMedia implements PostedMedia {
    private final ElasticsearchClient client;
    private final IndexNames names;

    public ElasticsearchPostedMedia(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    @Override
    public Posted inRoom(String roomId, int max) {
        return posted(Query.of(q -> q.term(t -> t.field("room_id").value(roomId))), max);
    }

    @Override
    public Posted byPoster(String poster, int max) {
        if (poster.startsWith("sender:") && poster.length() > 7) {
            return posted(Query.of(q -> q.term(t -> t.field("sender_id").value(poster.substring(7)))), max);
        }
        if (poster.startsWith("author:") && poster.length() > 7) {
            return posted(Query.of(q -> q.term(t -> t.field("author.raw").value(poster.substring(7)))), max);
        }
        throw new IllegalArgumentException("a poster is sender:ID or author:NAME, as the spread names them; got '" + poster + "'");
    }

    private Posted posted(Query query, int max) {
        try {
            var response = client.search(s -> s.index(names.messages()).size(0).query(query)
                    .aggregations("media", a -> a.terms(t -> t.field("media_sha256").size(max + 1))), Void.class);
            List<String> shas = response.aggregations().get("media").sterms().buckets().array().stream()
                    .map(StringTermsBucket::key).map(k -> k.stringValue()).toList();
            return new Posted(shas.size() > max ? shas.subList(0, max) : shas, shas.size() > max);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the media posted: " + e.getMessage(), e);
        }
    }
}
