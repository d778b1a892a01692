package org.roomwatch.bench;

import java.net.URI;
import java.util.function.UnaryOperator;
import org.roomwatch.esnode.ElasticsearchDistribution;
import org.roomwatch.esnode.ManagedElasticsearchNode;
import org.roomwatch.esnode.NodeSettings;

/**
 * The Elasticsearch a benchmark measures against: the node at {@code --es-url} when one is given, otherwise a
 * throwaway managed node started here and stopped on close.
 */
final class BenchElasticsearch implements AutoCloseable {
    private final ManagedElasticsearchNode node;
    private final URI url;

    private BenchElasticsearch(ManagedElasticsearchNode node, URI url) {
        this.node = node;
        this.url = url;
    }

    /** The given URL, or a managed node with the tests' settings. */
    static BenchElasticsearch open(String esUrl) {
        return open(esUrl, settings -> settings);
    }

    /** The given URL, or a managed node whose throwaway settings {@code tune} adjusts (a larger heap, say). */
    static BenchElasticsearch open(String esUrl, UnaryOperator<NodeSettings> tune) {
        if (esUrl != null) {
            return new BenchElasticsearch(null, URI.create(esUrl));
        }
        ManagedElasticsearchNode node = ManagedElasticsearchNode.start(ElasticsearchDistribution.locate(), tune.apply(NodeSettings.throwaway()));
        return new BenchElasticsearch(node, node.url());
    }

    URI url() {
        return url;
    }

    @Override
    public void close() {
        if (node != null) {
            node.close();
        }
    }
}
