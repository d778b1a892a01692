package org.roomwatch.controlplane;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.roomwatch.core.config.DatabaseConfig;

/** The control-plane database: a pooled connection to H2 or PostgreSQL, migrated by Flyway at start-up. */
public final class ControlPlaneDatabase implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final DatabaseConfig config;

    private ControlPlaneDatabase(HikariDataSource dataSource, DatabaseConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    public static ControlPlaneDatabase open(DatabaseConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setPoolName("roomwatch-db");
        hikari.setAutoCommit(true);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to the database at " + config.jdbcUrl() + ": "
                    + rootMessage(e) + ". Check database.jdbcUrl, database.user and database.password.", e);
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/common", "classpath:db/migration/" + (config.isPostgres() ? "postgresql" : "h2"))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new IllegalStateException("could not migrate the database at " + config.jdbcUrl() + ": " + rootMessage(e), e);
        }
        return new ControlPlaneDatabase(dataSource, config);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Whether a pooled connection answers within {@code timeout} (readiness); never throws. */
    public boolean isReachable(java.time.Duration timeout) {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (java.sql.SQLException | RuntimeException e) {
            return false;
        }
    }

    public DatabaseConfig config() {
        return config;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
