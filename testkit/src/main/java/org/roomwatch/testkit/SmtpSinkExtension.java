package org.roomwatch.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test (or its {@code @BeforeEach}) an {@link SmtpSink} of its own, not yet listening, stopped when the test
 * ends. The same instance serves every parameter of one test. Use with {@code @ExtendWith(SmtpSinkExtension.class)}.
 */
public final class SmtpSinkExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SmtpSinkExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SmtpSink.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("smtp", key -> new Closing(new SmtpSink()), Closing.class).sink;
    }

    private record Closing(SmtpSink sink) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            sink.close();
        }
    }
}
