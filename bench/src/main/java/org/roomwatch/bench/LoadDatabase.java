package org.roomwatch.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The control-plane database of a load run: a throwaway PostgreSQL database on the machine's server (127.0.0.1:5432,
 * trust auth on loopback), as a unit's deployment uses, dropped on close; or an H2 file in the run's directory.
 */
final class LoadDatabase implements AutoCloseable {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private final String jdbcUrl;
    private final String postgresName;

    private LoadDatabase(String jdbcUrl, String postgresName) {
        this.jdbcUrl = jdbcUrl;
        this.postgresName = postgresName;
    }

    static LoadDatabase create(String kind, Path dir) throws SQLException {
        if (kind.equals("h2")) {
            return new LoadDatabase("jdbc:h2:file:" + dir.resolve("db"), null);
        }
        String name = "roomwatch_load_" + System.currentTimeMillis();
        onServer("CREATE DATABASE " + name);
        return new LoadDatabase(SERVER + name, name);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public void close() throws SQLException {
        if (postgresName != null) {
            onServer("DROP DATABASE IF EXISTS " + postgresName + " WITH (FORCE)");
        }
    }

    private static void onServer(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new SQLException("PostgreSQL on 127.0.0.1:5432 (trust auth) is needed for --database postgres: " + e.getMessage(), e);
        }
    }
}
