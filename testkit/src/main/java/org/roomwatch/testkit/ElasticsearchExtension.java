package org.roomwatch.testkit;

import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a {@link TestNode}: the JVM's one real Elasticsearch and an index prefix of its own, random per
 * test class, so classes never see each other's data. Use with {@code @ExtendWith(ElasticsearchExtension.class)}.
 */
public final class ElasticsearchExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ElasticsearchExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return node(context);
    }

    /** The node and the prefix of the test class {@code context} belongs to; for other extensions that build on it. */
    public static TestNode node(ExtensionContext context) {
        ExtensionContext classContext = context.getTestClass().isPresent() && context.getTestMethod().isPresent()
                ? context.getParent().orElse(context) : context;
        String prefix = classContext.getStore(NAMESPACE).getOrComputeIfAbsent("prefix",
                key -> "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT) + "-",
                String.class);
        return new TestNode(SharedElasticsearch.url(), prefix);
    }
}
