package org.roomwatch.core.config;

/**
 * The control-plane database. {@code minFreeDiskMegabytes}: below this much free space on the disk of an H2 file
 * database, the disk is reported full.
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, int poolSize, long minFreeDiskMegabytes) {
    public static final long DEFAULT_MIN_FREE_DISK_MEGABYTES = 64;

    public DatabaseConfig {
        jdbcUrl = Check.required("database.jdbcUrl", jdbcUrl);
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database.jdbcUrl must be an H2 (jdbc:h2:...) or PostgreSQL"
                    + " (jdbc:postgresql://...) URL, got " + jdbcUrl);
        }
        user = Check.orEmpty(user);
        password = password == null ? "" : password;
        Check.atLeast("database.poolSize", poolSize, 2);
        if (minFreeDiskMegabytes < 0) {
            throw new IllegalArgumentException("database.minFreeDiskMegabytes must be 0 or more, got " + minFreeDiskMegabytes);
        }
    }

    /** With the default minimum of free disk. */
    public DatabaseConfig(String jdbcUrl, String user, String password, int poolSize) {
        this(jdbcUrl, user, password, poolSize, DEFAULT_MIN_FREE_DISK_MEGABYTES);
    }

    /**
     * The directory of an H2 file database ({@code jdbc:h2:file:PATH;...} or {@code jdbc:h2:PATH}); empty for an
     * in-memory or server database, whose disk this process cannot see.
     */
    public java.util.Optional<java.nio.file.Path> localDirectory() {
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
            return java.util.Optional.empty();
        }
        String rest = jdbcUrl.substring("jdbc:h2:".length());
        int options = rest.indexOf(';');
        String path = options < 0 ? rest : rest.substring(0, options);
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        } else if (path.startsWith("mem:") || path.startsWith("tcp:") || path.startsWith("ssl:")) {
            return java.util.Optional.empty();
        }
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        java.nio.file.Path parent = java.nio.file.Path.of(path).toAbsolutePath().normalize().getParent();
        return java.util.Optional.ofNullable(parent);
    }

    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    public DatabaseConfig withJdbcUrl(String value) {
        return new DatabaseConfig(value, user, password, poolSize, minFreeDiskMegabytes);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DatabaseConfig[jdbcUrl=" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize
                + ", minFreeDiskMegabytes=" + minFreeDiskMegabytes + "]";
    }
}
