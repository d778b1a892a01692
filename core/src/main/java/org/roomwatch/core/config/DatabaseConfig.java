package org.roomwatch.core.config;

/** The control-plane database. */
public record DatabaseConfig(String jdbcUrl, String user, String password, int poolSize) {
    public DatabaseConfig {
        jdbcUrl = Check.required("database.jdbcUrl", jdbcUrl);
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database.jdbcUrl must be an H2 (jdbc:h2:...) or PostgreSQL"
                    + " (jdbc:postgresql://...) URL, got " + jdbcUrl);
        }
        user = Check.orEmpty(user);
        password = password == null ? "" : password;
        Check.atLeast("database.poolSize", poolSize, 2);
    }

    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    public DatabaseConfig withJdbcUrl(String value) {
        return new DatabaseConfig(value, user, password, poolSize);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DatabaseConfig[jdbcUrl=" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
