package org.roomwatch.controlplane;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.roomwatch.core.security.Role;
import org.roomwatch.core.security.User;
import org.roomwatch.core.security.Users;
import org.roomwatch.core.text.Sha256;

/**
 * Users in the control-plane database. Passwords are Argon2id hashes; after {@code lockoutAfter} failures in a row a
 * user is locked out for {@code lockoutFor} (a correct password during the lockout is refused too). API tokens are
 * random 256-bit secrets of which only the SHA-256 is kept.
 */
public final class JdbcUsers implements Users {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final int lockoutAfter;
    private final Duration lockoutFor;
    private final int minPasswordLength;

    public JdbcUsers(DataSource dataSource, int lockoutAfter, Duration lockoutFor, int minPasswordLength) {
        this.dataSource = dataSource;
        this.lockoutAfter = lockoutAfter;
        this.lockoutFor = lockoutFor;
        this.minPasswordLength = minPasswordLength;
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

    @Override
    public Login authenticate(String name, String password, Instant now) {
        String hash = null;
        User user = null;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT name, role, disabled,"
                + " failed_logins, locked_until, created_at, created_by, password_hash FROM users WHERE name = ?")) {
            s.setString(1, name == null ? "" : name);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    user = user(r);
                    hash = r.getString(8);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not check a login: " + e.getMessage(), e);
        }
        boolean matches = PasswordHashing.matches(password == null ? "" : password, hash == null ? PasswordHashing.DECOY : hash);
        if (user == null) {
            return Login.refused("unknown user");
        }
        if (user.disabled()) {
            return Login.refused("disabled");
        }
        if (user.lockedUntil() != null && now.isBefore(user.lockedUntil())) {
            return Login.refused("locked until " + user.lockedUntil());
        }
        if (!matches) {
            int failures = user.failedLogins() + 1;
            Instant lock = failures >= lockoutAfter ? now.plus(lockoutFor) : null;
            update("UPDATE users SET failed_logins = ?, locked_until = ? WHERE name = ?", failures, lock, name);
            return Login.refused(lock != null ? "wrong password; locked until " + lock + " after " + failures + " failures"
                    : "wrong password (" + failures + " of " + lockoutAfter + " before a lockout)");
        }
        update("UPDATE users SET failed_logins = ?, locked_until = ? WHERE name = ?", 0, null, name);
        return new Login(true, new User(user.name(), user.role(), false, 0, null, user.createdAt(), user.createdBy()), "ok");
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
    }

    private void requireExisting(String name) {
        if (find(name).isEmpty()) {
            throw new IllegalArgumentException("no user " + name);
        }
    }

    @Override
    public NewToken createToken(String user, String label) {
        requireExisting(user);
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
        return new NewToken(id, text);
    }

    @Override
    public List<Token> tokens(String user) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT id, user_name, label,"
                + " created_at, last_used, revoked FROM api_tokens WHERE user_name = ? ORDER BY created_at")) {
            s.setString(1, user);
            try (ResultSet r = s.executeQuery()) {
                List<Token> out = new ArrayList<>();
                while (r.next()) {
                    Timestamp used = r.getTimestamp(5);
                    out.add(new Token(r.getString(1), r.getString(2), r.getString(3), r.getTimestamp(4).toInstant(),
                            used == null ? null : used.toInstant(), r.getBoolean(6)));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read tokens: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<User> authenticateToken(String secret, Instant now) {
        if (secret == null || !secret.startsWith("rwt_") || secret.length() > 100) {
            return Optional.empty();
        }
        String owner = null;
        String id = null;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id, user_name FROM api_tokens WHERE secret_sha256 = ? AND revoked = FALSE")) {
            s.setString(1, Sha256.hex(secret));
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    id = r.getString(1);
                    owner = r.getString(2);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not check a token: " + e.getMessage(), e);
        }
        if (owner == null) {
            return Optional.empty();
        }
        String tokenId = id;
        execute("UPDATE api_tokens SET last_used = ? WHERE id = ?", s -> {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, tokenId);
        });
        return find(owner).filter(u -> !u.disabled());
    }

    @Override
    public boolean revokeToken(String user, String id) {
        return execute("UPDATE api_tokens SET revoked = TRUE WHERE user_name = ? AND id = ?", s -> {
            s.setString(1, user);
            s.setString(2, id);
        }) > 0;
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private int execute(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not update users: " + e.getMessage(), e);
        }
    }
}
