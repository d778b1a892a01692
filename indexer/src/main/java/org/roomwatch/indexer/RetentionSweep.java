package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.roomwatch.core.config.RetentionConfig;

/**
 * Deletes what has outlived its retention: messages (and their versions) captured before the cutoff, images last seen
 * before it, alerts raised before it, except what a case holds (messages carrying a held image, the held images, the
 * alerts of a case's watchlist). The distribution the project tests on has no delete-by-query, so expired ids are
 * read through a point in time and deleted in bulks: the same on any cluster.
 */
public final class RetentionSweep {
    private static final int PAGE = 1000;

    private final ElasticsearchClient client;
    private final IndexNames names;

    public RetentionSweep(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    /** What a case holds: images (by SHA-256) and watchlists (by id). */
    public record Held(Collection<String> images, Collection<String> watchlists) {}

    /** One index's sweep: how many records went, before which cutoff, and how many expired ones a case kept. */
    public record Result(String index, Duration retention, Instant cutoff, long deleted, long keptForCases) {}

    public List<Result> sweep(Instant now, RetentionConfig retention, Held held) {
        List<Result> results = new ArrayList<>();
        sweepIndex(names.messages(), retention.messages(), "captured_at", terms("media_sha256", held.images()), now,
                // A message's versions go with it: its text must not outlive it there.
                ids -> deleteMatching(names.messageVersions(), terms("message", ids), more -> { }))
                .ifPresent(results::add);
        sweepIndex(names.media(), retention.media(), "last_seen", terms("sha256", held.images()), now, ids -> { })
                .ifPresent(results::add);
        sweepIndex(names.alerts(), retention.alerts(), "created_at", terms("watchlist_id", held.watchlists()), now, ids -> { })
                .ifPresent(results::add);
        return results;
    }

    /** One index: what {@code dateField} puts before the cutoff goes, unless {@code held} matches it; zero keeps all. */
    private Optional<Result> sweepIndex(String index, Duration keep, String dateField, Query held, Instant now,
                                        Consumer<List<String>> afterEachPage) {
        if (keep.isZero()) {
            return Optional.empty();
        }
        Instant cutoff = now.minus(keep);
        Query expired = range(dateField, cutoff);
        long kept = count(index, both(expired, held));
        long deleted = deleteMatching(index, but(expired, held), afterEachPage);
        return Optional.of(new Result(index, keep, cutoff, deleted, kept));
    }

    private static Query range(String field, Instant cutoff) {
        return Query.of(q -> q.range(r -> r.untyped(u -> u.field(field).lt(JsonData.of(cutoff.toString())))));
    }

    /** Matches nothing when {@code values} is empty. */
    private static Query terms(String field, Collection<String> values) {
        List<FieldValue> list = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(list))));
    }

    private static Query both(Query a, Query b) {
        return Query.of(q -> q.bool(x -> x.filter(a).filter(b)));
    }

    private static Query but(Query a, Query b) {
        return Query.of(q -> q.bool(x -> x.filter(a).mustNot(b)));
    }

    private long count(String index, Query query) {
        try {
            return client.count(c -> c.index(index).query(query)).count();
        } catch (IOException e) {
            throw new IndexWriteException("retention: could not count in " + index + ": " + e.getMessage(), e);
        }
    }

    /** Deletes every document {@code query} matches, a page at a time; {@code after} gets each page's ids once deleted. */
    private long deleteMatching(String index, Query query, Consumer<List<String>> after) {
        long[] deleted = {0};
        try {
            PitScan.scan(client, index, PAGE, s -> s.query(query).source(src -> src.fetch(false)), hits -> {
                List<String> ids = hits.stream().map(Hit::id).toList();
                List<BulkOperation> deletes = ids.stream()
                        .map(id -> BulkOperation.of(o -> o.delete(d -> d.index(index).id(id)))).toList();
                BulkResponse response = client.bulk(b -> b.operations(deletes));
                if (response.errors()) {
                    var failed = response.items().stream().filter(i -> i.error() != null && i.status() != 404).findFirst();
                    if (failed.isPresent()) {
                        throw new IndexWriteException("retention: could not delete from " + index + ": "
                                + failed.get().error().reason(), null);
                    }
                }
                deleted[0] += ids.size();
                after.accept(ids);
            });
            client.indices().refresh(r -> r.index(index));
            return deleted[0];
        } catch (IOException e) {
            throw new IndexWriteException("retention: could not sweep " + index + ": " + e.getMessage(), e);
        }
    }
}
