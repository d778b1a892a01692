package org.roomwatch.core.config;

import java.time.Duration;

/**
 * Logins and sessions. Sessions end after {@code sessionIdle} without a request and {@code sessionAbsolute} after the
 * login whatever happens; {@code cookieSecure} sends the session cookie over HTTPS only (turn it off only for a
 * server reached on this machine). {@code lockoutAfter} failed passwords in a row lock a user out for
 * {@code lockoutFor}. Personal API tokens stop working {@code tokenLifetime} after they were made (and at once when
 * their user's password is reset or the user is disabled). {@code evidenceKeyFile} holds the deployment's Ed25519 key that signs evidence bundles (made on
 * first use, readable by its owner only). {@code auditKeyFile} holds the key that seals the audit log's entries
 * (HMAC), outside the database, with a checkpoint of the latest entry beside it: rewriting or cutting the log's tail
 * through the database is then found by {@code audit verify}. One address may try at most
 * {@code loginsPerMinutePerAddress} logins a minute.
 */
public record SecurityConfig(boolean cookieSecure, Duration sessionIdle, Duration sessionAbsolute, int lockoutAfter,
                             Duration lockoutFor, int minPasswordLength, String evidenceKeyFile, Duration tokenLifetime,
                             String auditKeyFile, int loginsPerMinutePerAddress) {
    public static final String DEFAULT_EVIDENCE_KEY_FILE = "./data/evidence-ed25519.pem";
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofDays(90);
    /** Empty: beside the H2 database, or {@code ./data/audit-hmac.key} with PostgreSQL. */
    public static final String DEFAULT_AUDIT_KEY_FILE = "";
    public static final int DEFAULT_LOGINS_PER_MINUTE_PER_ADDRESS = 30;

    /** With the default audit key file. */
    public SecurityConfig(boolean cookieSecure, Duration sessionIdle, Duration sessionAbsolute, int lockoutAfter,
                          Duration lockoutFor, int minPasswordLength, String evidenceKeyFile, Duration tokenLifetime) {
        this(cookieSecure, sessionIdle, sessionAbsolute, lockoutAfter, lockoutFor, minPasswordLength, evidenceKeyFile,
                tokenLifetime, DEFAULT_AUDIT_KEY_FILE, DEFAULT_LOGINS_PER_MINUTE_PER_ADDRESS);
    }

    /** With the default token lifetime. */
    public SecurityConfig(boolean cookieSecure, Duration sessionIdle, Duration sessionAbsolute, int lockoutAfter,
                          Duration lockoutFor, int minPasswordLength, String evidenceKeyFile) {
        this(cookieSecure, sessionIdle, sessionAbsolute, lockoutAfter, lockoutFor, minPasswordLength, evidenceKeyFile,
                DEFAULT_TOKEN_LIFETIME);
    }

    /** With the default evidence key file. */
    public SecurityConfig(boolean cookieSecure, Duration sessionIdle, Duration sessionAbsolute, int lockoutAfter,
                          Duration lockoutFor, int minPasswordLength) {
        this(cookieSecure, sessionIdle, sessionAbsolute, lockoutAfter, lockoutFor, minPasswordLength, DEFAULT_EVIDENCE_KEY_FILE);
    }

    public SecurityConfig {
        evidenceKeyFile = Check.required("security.evidenceKeyFile", evidenceKeyFile);
        auditKeyFile = auditKeyFile == null ? DEFAULT_AUDIT_KEY_FILE : auditKeyFile.strip();
        Check.positive("security.sessionIdle", sessionIdle);
        Check.positive("security.sessionAbsolute", sessionAbsolute);
        if (sessionAbsolute.compareTo(sessionIdle) < 0) {
            throw new IllegalArgumentException("security.sessionAbsolute must not be shorter than security.sessionIdle");
        }
        Check.atLeast("security.lockoutAfter", lockoutAfter, 1);
        Check.positive("security.lockoutFor", lockoutFor);
        Check.atLeast("security.minPasswordLength", minPasswordLength, 8);
        Check.positive("security.tokenLifetime", tokenLifetime);
        Check.atLeast("security.loginsPerMinutePerAddress", loginsPerMinutePerAddress, 1);
    }
}
