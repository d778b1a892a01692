package org.roomwatch.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.core.config.DatabaseConfig;
import org.roomwatch.core.security.Role;

/**
 * Tokens remembered by the API process (no database round trip per request), on the machine's PostgreSQL: two
 * {@link JdbcUsers} on one database stand for the API process and another process (a second API, or the
 * {@code roomwatch users} command). Whatever revokes a token, here or there, ends it at once.
 */
class RememberedTokensTest {
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
    private String name;
    private ControlPlaneDatabase apiDb;
    private ControlPlaneDatabase otherDb;
    private CountingDataSource counted;
    private JdbcUsers api;
    private JdbcUsers other;
    private AutoCloseable remembering;

    @BeforeEach
    void open() throws SQLException {
        name = "rw_tokens_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        onServer("CREATE DATABASE " + name);
        DatabaseConfig config = new DatabaseConfig(SERVER + name, "postgres", "", 4);
        apiDb = ControlPlaneDatabase.open(config);
        otherDb = ControlPlaneDatabase.open(config);
        counted = new CountingDataSource(apiDb.dataSource());
        api = new JdbcUsers(counted, 5, Duration.ofMinutes(15), 12);
        other = new JdbcUsers(otherDb.dataSource(), 5, Duration.ofMinutes(15), 12);
        remembering = api.rememberTokens();
        api.add("kim", Role.INVESTIGATOR, "correct horse battery", "admin");
    }

    @AfterEach
    void close() throws Exception {
        remembering.close();
        apiDb.close();
        otherDb.close();
        onServer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** The machine's PostgreSQL (testkit's PostgresDatabases says the same, but testkit depends on this module). */
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private static void onServer(String sql) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(SERVER + "postgres", "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void aRememberedTokenNeedsNoDatabaseAndLastUsedIsWrittenOnceAMinute() throws Exception {
        String secret = api.createToken("kim", "bench").secret();
        awaitTrue(() -> listening(), "the API process listens for revocations");
        assertEquals("kim", api.authenticateToken(secret, T0).orElseThrow().name());
        int afterFirst = counted.connections.get();
        for (int i = 0; i < 100; i++) {
            assertEquals("kim", api.authenticateToken(secret, T0.plusSeconds(i % 50)).orElseThrow().name());
        }
        assertEquals(afterFirst, counted.connections.get(), "100 requests within the minute: not one connection");
        api.authenticateToken(secret, T0.plusSeconds(61));
        assertEquals(afterFirst + 1, counted.connections.get(), "a minute later, one write of last used");
        assertEquals(T0.plusSeconds(61), other.tokens("kim").get(0).lastUsed());
        assertTrue(api.authenticateToken(secret, Instant.now().plus(Duration.ofDays(91))).isEmpty(), "a remembered token still ends at 90 days");
    }

    @Test
    void aRevocationHereEndsTheTokenAtOnce() throws Exception {
        var token = api.createToken("kim", "t");
        awaitTrue(this::listening, "listening");
        assertTrue(api.authenticateToken(token.secret(), T0).isPresent());
        assertTrue(api.authenticateToken(token.secret(), T0).isPresent(), "remembered");
        assertTrue(api.revokeToken("kim", token.id()));
        assertTrue(api.authenticateToken(token.secret(), T0).isEmpty(), "the very next request is refused");
    }

    @Test
    void aRevocationOrDisablingInAnotherProcessEndsTheRememberedTokens() throws Exception {
        var first = api.createToken("kim", "one");
        var second = api.createToken("kim", "two");
        awaitTrue(this::listening, "listening");
        assertTrue(api.authenticateToken(first.secret(), T0).isPresent());
        assertTrue(api.authenticateToken(second.secret(), T0).isPresent());

        assertTrue(other.revokeToken("kim", first.id()));
        awaitTrue(() -> api.authenticateToken(first.secret(), T0).isEmpty(), "the other process's revocation is heard");
        assertTrue(api.authenticateToken(second.secret(), T0).isPresent(), "the other token still works (read again)");

        other.setDisabled("kim", true, "admin");
        awaitTrue(() -> api.authenticateToken(second.secret(), T0).isEmpty(), "disabling the user elsewhere ends her tokens");
    }

    @Test
    void whileTheListenerIsCutOffEveryTokenIsCheckedInTheDatabase() throws Exception {
        var token = api.createToken("kim", "t");
        awaitTrue(this::listening, "listening");
        assertTrue(api.authenticateToken(token.secret(), T0).isPresent());
        try (Connection c = otherDb.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'");
        }
        other.revokeToken("kim", token.id()); // announced to nobody: the listener's connection is gone
        awaitTrue(() -> api.authenticateToken(token.secret(), T0).isEmpty(), "refused once the lost listener is noticed");
        awaitTrue(this::listening, "the listener comes back");
        var fresh = api.createToken("kim", "after");
        assertTrue(api.authenticateToken(fresh.secret(), T0).isPresent());
        other.revokeToken("kim", fresh.id());
        awaitTrue(() -> api.authenticateToken(fresh.secret(), T0).isEmpty(), "and hears revocations again");
    }

    @Test
    void onH2NothingIsRememberedSoAnotherProcessesRevocationCountsAtOnce(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=TRUE";
        try (ControlPlaneDatabase one = ControlPlaneDatabase.open(new DatabaseConfig(url, "sa", "", 2));
             ControlPlaneDatabase two = ControlPlaneDatabase.open(new DatabaseConfig(url, "sa", "", 2))) {
            JdbcUsers server = new JdbcUsers(one.dataSource(), 5, Duration.ofMinutes(15), 12);
            JdbcUsers command = new JdbcUsers(two.dataSource(), 5, Duration.ofMinutes(15), 12);
            try (AutoCloseable ignored = server.rememberTokens()) {
                server.add("lee", Role.INVESTIGATOR, "correct horse battery", "admin");
                var token = server.createToken("lee", "t");
                assertTrue(server.authenticateToken(token.secret(), T0).isPresent());
                assertTrue(command.revokeToken("lee", token.id()));
                assertTrue(server.authenticateToken(token.secret(), T0).isEmpty(), "no cache on H2: refused on the next request");
            }
        }
    }

    private boolean listening() {
        try (Connection c = otherDb.dataSource().getConnection(); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'")) {
            r.next();
            return r.getInt(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** The real pool, counting the connections asked of it (each one a round trip at least). */
    private static final class CountingDataSource implements DataSource {
        final AtomicInteger connections = new AtomicInteger();
        private final DataSource real;

        CountingDataSource(DataSource real) {
            this.real = real;
        }

        @Override
        public Connection getConnection() throws SQLException {
            connections.incrementAndGet();
            return real.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            connections.incrementAndGet();
            return real.getConnection(user, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return real.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            real.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            real.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return real.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return real.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return real.isWrapperFor(iface);
        }
    }
}
