package org.roomwatch.core.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The users of roomwatch, their passwords (stored as Argon2id hashes) and their personal API tokens. */
public interface Users {
    /** How a login attempt ended; {@code user} is set only when it succeeded. */
    record Login(boolean ok, User user, String reason, Instant lockedUntil) {
        public Login(boolean ok, User user, String reason) {
            this(ok, user, reason, null);
        }

        public static Login refused(String reason) {
            return new Login(false, null, reason, null);
        }

        /** Refused because the account is locked (now, or by this very failure) until {@code until}. */
        public static Login locked(String reason, Instant until) {
            return new Login(false, null, reason, until);
        }
    }

    /** A personal API token as listed (the token itself is shown once, when created, and never stored). */
    record Token(String id, String user, String label, Instant createdAt, Instant lastUsed, boolean revoked) {}

    /** A new token: its id, and the secret the user must copy now. */
    record NewToken(String id, String secret) {}

    User add(String name, Role role, String password, String by);

    Optional<User> find(String name);

    List<User> list();

    /** Checks a password at {@code now}; counts failures and locks the user out after too many. */
    Login authenticate(String name, String password, Instant now);

    void setDisabled(String name, boolean disabled, String by);

    /** Sets a new password and lifts a lockout. */
    void resetPassword(String name, String password, String by);

    /** Ends a lockout now (an admin who has checked who was trying): the failure count starts again from zero. */
    void unlock(String name, String by);

    NewToken createToken(String user, String label);

    List<Token> tokens(String user);

    /** The user a token belongs to, when the token exists, is not revoked and its user may log in. */
    Optional<User> authenticateToken(String secret, Instant now);

    /** Revokes one of {@code user}'s tokens; false when it has no such token. */
    boolean revokeToken(String user, String id);
}
