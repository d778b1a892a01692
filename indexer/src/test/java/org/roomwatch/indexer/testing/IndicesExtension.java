package org.roomwatch.indexer.testing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.roomwatch.indexer.ElasticsearchClients;
import org.roomwatch.indexer.IndexManager;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.testkit.ElasticsearchExtension;
import org.roomwatch.testkit.TestNode;

/**
 * Gives a test (or its {@code @BeforeEach}, or a per-class {@code @BeforeAll}) {@link TestIndices}: fresh index names
 * under the test class's prefix, created with the production mappings, and a client closed when the test (or class)
 * ends. One instance serves every parameter of one test. It lives in indexer's test jar rather than the testkit
 * because it needs the mappings, and indexer's own tests use the testkit.
 */
public final class IndicesExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(IndicesExtension.class);
    private static final AtomicInteger SETS = new AtomicInteger();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestIndices.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("indices", key -> Opened.open(ElasticsearchExtension.node(context)),
                Opened.class).indices;
    }

    /** The indices and their client, closed with the test's (or class's) store. */
    private record Opened(TestIndices indices) implements ExtensionContext.Store.CloseableResource {
        static Opened open(TestNode node) {
            ElasticsearchClient client = ElasticsearchClients.create(node.url(), Duration.ofMinutes(1));
            IndexNames names = new IndexNames(node.indexPrefix() + SETS.incrementAndGet() + "-");
            new IndexManager(client, names).ensureAll();
            return new Opened(new TestIndices(node.url(), client, names));
        }

        @Override
        public void close() throws IOException {
            indices.client()._transport().close();
        }
    }
}
