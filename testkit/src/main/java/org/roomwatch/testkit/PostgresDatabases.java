package org.roomwatch.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/** Throwaway databases on the machine's PostgreSQL (127.0.0.1:5432, trust auth on loopback), one per test. */
public final class PostgresDatabases {
    /** The server's JDBC URL without a database name. */
    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private PostgresDatabases() {}

    /** Creates a database named {@code prefix} plus a random suffix and answers its name. */
    public static String create(String prefix) {
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            c.createStatement().execute("CREATE DATABASE " + name);
            return name;
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL must run on 127.0.0.1:5432 with trust auth (.ci/run starts it): " + e.getMessage(), e);
        }
    }

    /** Drops a database made by {@link #create}, ending its connections first. */
    public static void drop(String name) {
        if (name == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the test database " + name + ": " + e.getMessage(), e);
        }
    }
}
