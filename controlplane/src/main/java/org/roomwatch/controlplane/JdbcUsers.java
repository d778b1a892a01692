package org.roomwatch.controlplane;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.roomwatch.core.config.SecurityConfig;
import org.roomwatch.core.security.Role;
import org.roomwatch.core.security.User;
import org.roomwatch.core.security.Users;

/**
 * Users in the control-plane database. Passwords are Argon2id hashes; after {@code lockoutAfter} failures in a row a
 * user is locked out for {@code lockoutFor} (a correct password during the lockout is refused too). API tokens are
 * random 256-bit secrets of which only the SHA-256 is kept ({@link JdbcTokens}).
 */
public final class JdbcUsers implements Users {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");

    private final DataSource dataSource;
    private final int lockoutAfter;
    private final Duration lockoutFor;
    private final Duration tokenLifetime;
    private final int minPasswordLength;
    private final JdbcTokens tokens;

    public JdbcUsers(DataSource dataSource, int lockoutAfter, Duration lockoutFor, int minPasswordLength) {
        this(dataSource, lockoutAfter, lockoutFor, minPasswordLength, SecurityConfig.DEFAULT_TOKEN_LIFETIME);
    }

    /** Tokens older than {@code tokenLifetime} no longer authenticate. */
    public JdbcUsers(DataSource dataSource, int lockoutAfter, Duration lockoutFor, int minPasswordLength, Duration tokenLifetime) {
        this.tokenLifetime = tokenLifetime;
        this.dataSource = dataSource;
        this.lockoutAfter = lockoutAfter;
        this.lockoutFor = lockoutFor;
        this.minPasswordLength = minPasswordLength;
        this.tokens = new JdbcTokens(dataSource, tokenLifetime);
    }

    private static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name [" + name + "] must be 2 to 64 lower-case letters, digits, '.', '_'"
                    + " or '-', starting with a letter");
        }
        return name;
    }

    private void requirePassword(String password) {
        if (password == null || password.length() < minPasswordLength) {
            throw new IllegalArgumentException("a password needs at least " + minPasswordLength + " characters");
        }
        if (password.length() > 1000) {
            throw new IllegalArgumentException("a password may have at most 1000 characters");
        }
    }

    @Override
    public User add(String name, Role role, String password, String by) {
        requireName(name);
        requirePassword(password);
        if (find(name).isPresent()) {
            throw new IllegalArgumentException("user " + name + " exists already");
        }
        String hash = PasswordHashing.hash(password);
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO users (name, role,"
                + " password_hash, disabled, failed_logins, locked_until, created_at, created_by) VALUES (?, ?, ?, FALSE, 0, NULL, ?, ?)")) {
            s.setString(1, name);
            s.setString(2, role.name());
            s.setString(3, hash);
            s.setTimestamp(4, Timestamp.from(now));
            s.setString(5, by);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not add user " + name + ": " + e.getMessage(), e);
        }
        return new User(name, role, false, 0, null, now, by);
    }

    @Override
    public Optional<User> find(String name) {
        return query("WHERE name = ?", name).stream().findFirst();
    }

    @Override
    public List<User> list() {
        return query("ORDER BY name", null);
    }

    private List<User> query(String where, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT name, role, disabled,"
                + " failed_logins, locked_until, created_at, created_by FROM users " + where)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet r = s.executeQuery()) {
                List<User> out = new ArrayList<>();
                while (r.next()) {
                    out.add(user(r));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read users: " + e.getMessage(), e);
        }
    }

    private static User user(ResultSet r) throws SQLException {
        Timestamp locked = r.getTimestamp(5);
        return new User(r.getString(1), Role.valueOf(r.getString(2)), r.getBoolean(3), r.getInt(4),
                locked == null ? null : locked.toInstant(), r.getTimestamp(6).toInstant(), r.getString(7));
    }

    /**
     * Checks a login. The attempt is counted in the database before the password is checked, in one statement that
     * also locks the user when the count reaches the limit and refuses to count a locked or disabled user: parallel
     * guesses cannot overwrite each other's count, and no more than {@code lockoutAfter} of them are ever checked.
     * Unknown, disabled and locked users cost the same hashing time as real ones (a decoy hash).
     */
    @Override
    public Login authenticate(String name, String password, Instant now) {
        String who = name == null ? "" : name;
        Attempt attempt = countAttempt(who, now);
        boolean matches = PasswordHashing.matches(password == null ? "" : password,
                attempt.hash() == null ? PasswordHashing.DECOY : attempt.hash());
        if (attempt.refusal() != null) {
            boolean locked = attempt.user() != null && !attempt.user().disabled() && attempt.lockedUntil() != null;
            return locked ? Login.locked(attempt.refusal(), attempt.lockedUntil()) : Login.refused(attempt.refusal());
        }
        if (!matches) {
            return new Login(false, null, attempt.lockedUntil() != null
                    ? "wrong password; locked until " + attempt.lockedUntil() + " after " + attempt.failures() + " failures"
                    : "wrong password (" + attempt.failures() + " of " + lockoutAfter + " before a lockout)", attempt.lockedUntil());
        }
        update("UPDATE users SET failed_logins = ?, locked_until = ? WHERE name = ?", 0, null, who);
        User user = attempt.user();
        return new Login(true, new User(user.name(), user.role(), false, 0, null, user.createdAt(), user.createdBy()), "ok");
    }

    /** A counted attempt: the user, the hash to check against, the count after it, or why it was not counted. */
    private record Attempt(User user, String hash, int failures, Instant lockedUntil, String refusal) {}

    private Attempt countAttempt(String name, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int counted;
                try (PreparedStatement s = c.prepareStatement("UPDATE users SET failed_logins = failed_logins + 1,"
                        + " locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE NULL END"
                        + " WHERE name = ? AND disabled = FALSE AND (locked_until IS NULL OR locked_until <= ?)")) {
                    s.setInt(1, lockoutAfter);
                    s.setTimestamp(2, Timestamp.from(now.plus(lockoutFor)));
                    s.setString(3, name);
                    s.setTimestamp(4, Timestamp.from(now));
                    counted = s.executeUpdate();
                }
                User user = null;
                String hash = null;
                try (PreparedStatement s = c.prepareStatement("SELECT name, role, disabled, failed_logins, locked_until, created_at,"
                        + " created_by, password_hash FROM users WHERE name = ?")) {
                    s.setString(1, name);
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            user = user(r);
                            hash = r.getString(8);
                        }
                    }
                }
                c.commit();
                if (user == null) {
                    return new Attempt(null, null, 0, null, "unknown user");
                }
                if (counted == 0) {
                    return new Attempt(user, null, user.failedLogins(), user.lockedUntil(),
                            user.disabled() ? "disabled" : "locked until " + user.lockedUntil());
                }
                return new Attempt(user, hash, user.failedLogins(), user.lockedUntil(), null);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not check a login: " + e.getMessage(), e);
        }
    }

    private void update(String sql, int failures, Instant lock, String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, failures);
            if (lock == null) {
                s.setNull(2, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                s.setTimestamp(2, Timestamp.from(lock));
            }
            s.setString(3, name);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record a login of " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void setDisabled(String name, boolean disabled, String by) {
        requireExisting(name);
        execute("UPDATE users SET disabled = ? WHERE name = ?", s -> {
            s.setBoolean(1, disabled);
            s.setString(2, name);
        });
        if (disabled) {
            tokens.revokeAll(name);
        }
    }

    @Override
    public void unlock(String name, String by) {
        requireExisting(name);
        execute("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE name = ?", s -> s.setString(1, name));
    }

    @Override
    public void resetPassword(String name, String password, String by) {
        requireExisting(name);
        requirePassword(password);
        String hash = PasswordHashing.hash(password);
        execute("UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE name = ?", s -> {
            s.setString(1, hash);
            s.setString(2, name);
        });
        // A reset answers a suspicion that someone else knows the password: whatever they made with it ends too.
        tokens.revokeAll(name);
    }

    private void requireExisting(String name) {
        if (find(name).isEmpty()) {
            throw new IllegalArgumentException("no user " + name);
        }
    }

    @Override
    public NewToken createToken(String user, String label) {
        requireExisting(user);
        return tokens.create(user, label);
    }

    @Override
    public List<Token> tokens(String user) {
        return tokens.of(user);
    }

    /**
     * From now on tokens found valid are remembered in memory (see {@link TokenCache}): a request with a token then
     * needs no database round trip, and revocation still takes effect at once. Closing stops it. The API process does
     * this; a command that checks one token has no use for it.
     */
    public AutoCloseable rememberTokens() {
        return tokens.remember();
    }

    @Override
    public Optional<User> authenticateToken(String secret, Instant now) {
        return tokens.authenticate(secret, now, this::find);
    }

    @Override
    public boolean revokeToken(String user, String id) {
        return tokens.revoke(user, id);
    }

    private int execute(String sql, SqlUpdate.Binder binder) {
        return SqlUpdate.run(dataSource, "users", sql, binder);
    }
}
