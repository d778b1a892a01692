package org.roomwatch.indexer.testing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.roomwatch.indexer.IndexNames;

/**
 * A test's own indices on the JVM's real Elasticsearch: a client, index names under a prefix no other test uses,
 * every index already created with the production mappings, and the one refresh policy tests follow: nothing is
 * refreshed behind a test's back, it calls {@link #refresh} before it reads what it wrote.
 */
public record TestIndices(URI url, ElasticsearchClient client, IndexNames names) {
    /** The prefix to hand a {@code roomwatch} process so it writes into these indices. */
    public String prefix() {
        return names.prefix();
    }

    /** Makes everything written so far to these indices visible to search. */
    public void refresh() {
        refresh(names.all().toArray(String[]::new));
    }

    /** Makes everything written so far to the given indices visible to search. */
    public void refresh(String... indices) {
        try {
            client.indices().refresh(r -> r.index(java.util.List.of(indices)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not refresh " + String.join(", ", indices), e);
        }
    }

    /** Documents in {@code index} now, after a refresh. */
    public long count(String index) {
        refresh(index);
        try {
            return client.count(c -> c.index(index)).count();
        } catch (IOException e) {
            throw new UncheckedIOException("could not count " + index, e);
        }
    }
}
