package org.roomwatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.core.config.DatabaseConfig;

/**
 * Gives a test (or its {@code @BeforeEach}) a migrated control-plane database of its own: H2 in a fresh directory,
 * open to other processes (AUTO_SERVER), closed and deleted when the test ends. The same instance serves every
 * parameter of one test. Use with {@code @ExtendWith(ControlPlaneExtension.class)}.
 */
public final class ControlPlaneExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ControlPlaneExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ControlPlaneDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("db", key -> Opened.open(), Opened.class).db;
    }

    /** The database and its directory, closed and deleted with the test's store. */
    private record Opened(ControlPlaneDatabase db, Path dir) implements ExtensionContext.Store.CloseableResource {
        static Opened open() {
            try {
                Path dir = Files.createTempDirectory("rw-controlplane-");
                DatabaseConfig config = new DatabaseConfig("jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=TRUE", "sa", "", 4);
                return new Opened(ControlPlaneDatabase.open(config), dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            db.close();
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
