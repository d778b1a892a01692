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
        hikari.setJdbcUrl(jdbcUrl(config));
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

    /**
     * The configured URL; for H2 with DB_CLOSE_ON_EXIT=FALSE unless set: the process closes the database itself, last,
     * after the crawls in flight have saved their cursors. H2's own exit hook would close it under them, and Quartz
     * then retries a finished crawl's bookkeeping until shutdown gives up on it (the scheduler waits a bounded time).
     * H2 refuses the option with AUTO_SERVER (a database other processes reach, as the default one), so not there.
     */
    static String jdbcUrl(DatabaseConfig config) {
        String url = config.jdbcUrl();
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        if (url.startsWith("jdbc:h2:") && !upper.contains("DB_CLOSE_ON_EXIT") && !upper.contains("AUTO_SERVER=TRUE")) {
            return url + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return url;
    }

    /** Whether {@code dataSource} reaches PostgreSQL (H2, even in its PostgreSQL mode, names itself H2). */
    static boolean isPostgres(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not read which database this is: " + e.getMessage(), e);
        }
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
