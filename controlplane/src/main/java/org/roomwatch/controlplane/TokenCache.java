package org.roomwatch.controlplane;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.roomwatch.core.security.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API tokens already checked against the database, kept in memory so that a request carrying one needs no database
 * round trip (PostgreSQL only: see the constructor for H2). Revocation still takes effect at once: everything that can end a token (revoking it, disabling its
 * user, a password reset) forgets every remembered token in this process, and on PostgreSQL also announces the change
 * with {@code NOTIFY} in the transaction that made it, which a listener in every other process (another API process,
 * the {@code roomwatch users} command) answers by forgetting its own. While that listener is not known to be listening
 * (starting, or its connection lost) nothing is remembered and every token goes to the database, as without a cache.
 *
 * <p>A lookup that began before a change and ends after it must not put the old answer back: each remembered entry is
 * admitted only if no change happened between the lookup's start and its end ({@link #generation()}).
 */
final class TokenCache implements AutoCloseable {
    static final String CHANNEL = "roomwatch_auth";
    private static final Logger log = LoggerFactory.getLogger(TokenCache.class);

    /** A token found valid: its id, its user as read then, when it was made and when its use was last written. */
    record Entry(String tokenId, User user, Instant createdAt, Instant lastUsedWritten) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Thread listener;
    private volatile boolean trusted;
    private volatile boolean closed;

    private TokenCache(DataSource dataSource, boolean postgres) {
        if (dataSource != null && postgres) {
            listener = new Thread(() -> listen(dataSource), "token-revocations");
            listener.setDaemon(true);
            listener.start();
        } else {
            // Off: remembers nothing. H2 has no NOTIFY, and the default H2 database is shared with other processes
            // (AUTO_SERVER: a 'roomwatch users' command can revoke a token while the server runs), so no process could
            // hear another's revocation. There the server holds the database in-process, so a lookup is no network
            // round trip anyway.
            listener = null;
        }
    }

    /** A cache over {@code dataSource}; on PostgreSQL it listens for other processes' changes until closed. */
    static TokenCache start(DataSource dataSource, boolean postgres) {
        return new TokenCache(dataSource, postgres);
    }

    /** A cache that remembers nothing: every token is checked in the database. */
    static TokenCache off() {
        return new TokenCache(null, false);
    }

    /** The change count before a database lookup, to hand back to {@link #remember}. */
    long generation() {
        return generation.get();
    }

    Optional<Entry> find(String secretSha256) {
        return trusted ? Optional.ofNullable(entries.get(secretSha256)) : Optional.empty();
    }

    /** Remembers a token found valid by a lookup that started at {@code seenGeneration}, unless anything changed since. */
    void remember(String secretSha256, Entry entry, long seenGeneration) {
        if (!trusted || closed) {
            return;
        }
        entries.put(secretSha256, entry);
        if (generation.get() != seenGeneration) {
            entries.remove(secretSha256); // a change raced the lookup: its answer may be the old one
        }
    }

    /** Forgets every remembered token (something that could end one changed). */
    void forgetAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    /** A change made on one connection in one transaction. */
    @FunctionalInterface
    interface Change {
        int apply(Connection c) throws SQLException;
    }

    /**
     * Runs {@code change} in a transaction that, on PostgreSQL, also announces it to the other processes' caches
     * ({@code NOTIFY} is delivered when the transaction commits, and not at all if it rolls back).
     */
    static int announced(DataSource dataSource, boolean postgres, Change change) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int changed = change.apply(c);
                if (postgres) {
                    try (Statement s = c.createStatement()) {
                        s.execute("NOTIFY " + CHANNEL);
                    }
                }
                c.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private void listen(DataSource dataSource) {
        while (!closed) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                forgetAll(); // whatever was announced while nobody listened
                trusted = true;
                while (!closed) {
                    PGNotification[] notes = pg.getNotifications(500);
                    if (notes != null && notes.length > 0) {
                        forgetAll();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (trusted) {
                    log.warn("Token revocations from other processes cannot be heard ({}); every token is checked in the database until they can",
                            e.getMessage());
                }
            } finally {
                trusted = false;
                forgetAll();
            }
            pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        trusted = false;
        forgetAll();
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
