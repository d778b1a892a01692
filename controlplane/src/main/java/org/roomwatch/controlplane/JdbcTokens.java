package org.roomwatch.controlplane;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.roomwatch.core.security.User;
import org.roomwatch.core.security.Users;
import org.roomwatch.core.text.Sha256;

/**
 * API tokens in the control-plane database: random 256-bit secrets of which only the SHA-256 is kept, made, listed,
 * checked and revoked here for {@link JdbcUsers}. When remembered ({@link #remember}), a valid token is checked
 * without a database round trip, and every revocation is announced so that it still takes effect at once.
 */
final class JdbcTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final Duration tokenLifetime;
    private volatile TokenCache tokenCache = TokenCache.off();
    private volatile Boolean postgres;

    JdbcTokens(DataSource dataSource, Duration tokenLifetime) {
        this.dataSource = dataSource;
        this.tokenLifetime = tokenLifetime;
    }

    /** A new token for {@code user} (who must exist): its id, and its secret, shown this once. */
    Users.NewToken create(String user, String label) {
        String cleanLabel = label == null || label.isBlank() ? "token" : label.strip();
        if (cleanLabel.length() > 100) {
            throw new IllegalArgumentException("a token label may have at most 100 characters");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String text = "rwt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = HexFormat.of().formatHex(secret, 0, 4) + Long.toHexString(System.nanoTime() & 0xffffffL);
        execute("INSERT INTO api_tokens (id, user_name, label, secret_sha256, created_at, last_used, revoked)"
                + " VALUES (?, ?, ?, ?, ?, NULL, FALSE)", s -> {
                    s.setString(1, id);
                    s.setString(2, user);
                    s.setString(3, cleanLabel);
                    s.setString(4, Sha256.hex(text));
                    s.setTimestamp(5, Timestamp.from(Instant.now()));
                });
        return new Users.NewToken(id, text);
    }

    List<Users.Token> of(String user) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT id, user_name, label,"
                + " created_at, last_used, revoked FROM api_tokens WHERE user_name = ? ORDER BY created_at")) {
            s.setString(1, user);
            try (ResultSet r = s.executeQuery()) {
                List<Users.Token> out = new ArrayList<>();
                while (r.next()) {
                    Timestamp used = r.getTimestamp(5);
                    out.add(new Users.Token(r.getString(1), r.getString(2), r.getString(3), r.getTimestamp(4).toInstant(),
                            used == null ? null : used.toInstant(), r.getBoolean(6)));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read tokens: " + e.getMessage(), e);
        }
    }

    /** Remembers tokens found valid from now until the answer is closed (see {@link TokenCache}). */
    AutoCloseable remember() {
        TokenCache cache = TokenCache.start(dataSource, postgres());
        tokenCache = cache;
        return () -> {
            tokenCache = TokenCache.off();
            cache.close();
        };
    }

    /** The user of a valid token (unrevoked, within its lifetime, its user enabled): from memory when remembered. */
    Optional<User> authenticate(String secret, Instant now, Function<String, Optional<User>> users) {
        if (secret == null || !secret.startsWith("rwt_") || secret.length() > 100) {
            return Optional.empty();
        }
        String sha256 = Sha256.hex(secret);
        TokenCache cache = tokenCache;
        Instant oldestValid = now.minus(tokenLifetime);
        Optional<TokenCache.Entry> known = cache.find(sha256);
        if (known.isPresent() && known.get().createdAt().isAfter(oldestValid)) {
            TokenCache.Entry entry = known.get();
            if (Duration.between(entry.lastUsedWritten(), now).compareTo(LAST_USED_EVERY) >= 0) {
                writeLastUsed(entry.tokenId(), now); // "last used" on the tokens page, to the minute
                cache.remember(sha256, new TokenCache.Entry(entry.tokenId(), entry.user(), entry.createdAt(), now), cache.generation());
            }
            return Optional.of(entry.user());
        }
        long seen = cache.generation();
        String owner = null;
        String id = null;
        Instant created = null;
        Instant lastUsed = null;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id, user_name, created_at, last_used FROM api_tokens WHERE secret_sha256 = ? AND revoked = FALSE AND created_at > ?")) {
            s.setString(1, sha256);
            s.setTimestamp(2, Timestamp.from(oldestValid));
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    id = r.getString(1);
                    owner = r.getString(2);
                    created = r.getTimestamp(3).toInstant();
                    Timestamp used = r.getTimestamp(4);
                    lastUsed = used == null ? null : used.toInstant();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not check a token: " + e.getMessage(), e);
        }
        if (owner == null) {
            return Optional.empty();
        }
        if (lastUsed == null || Duration.between(lastUsed, now).compareTo(LAST_USED_EVERY) >= 0) {
            writeLastUsed(id, now); // a write per request would cost more than the read: to the minute is enough
            lastUsed = now;
        }
        Optional<User> user = users.apply(owner).filter(u -> !u.disabled());
        if (user.isPresent()) {
            cache.remember(sha256, new TokenCache.Entry(id, user.get(), created, lastUsed), seen);
        }
        return user;
    }

    private static final Duration LAST_USED_EVERY = Duration.ofMinutes(1);

    private void writeLastUsed(String tokenId, Instant now) {
        execute("UPDATE api_tokens SET last_used = ? WHERE id = ?", s -> {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, tokenId);
        });
    }

    boolean revoke(String user, String id) {
        return executeAnnounced("UPDATE api_tokens SET revoked = TRUE WHERE user_name = ? AND id = ?", s -> {
            s.setString(1, user);
            s.setString(2, id);
        }) > 0;
    }

    void revokeAll(String user) {
        executeAnnounced("UPDATE api_tokens SET revoked = TRUE WHERE user_name = ?", s -> s.setString(1, user));
    }

    private int execute(String sql, SqlUpdate.Binder binder) {
        return SqlUpdate.run(dataSource, "tokens", sql, binder);
    }

    /**
     * An update that can end a token: announced to every process's {@link TokenCache} in its own transaction, and this
     * process's remembered tokens forgotten once it has committed.
     */
    private int executeAnnounced(String sql, SqlUpdate.Binder binder) {
        try {
            return TokenCache.announced(dataSource, postgres(), c -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    binder.bind(s);
                    return s.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not update tokens: " + e.getMessage(), e);
        } finally {
            tokenCache.forgetAll();
        }
    }

    private boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            postgres = known = ControlPlaneDatabase.isPostgres(dataSource);
        }
        return known;
    }
}
