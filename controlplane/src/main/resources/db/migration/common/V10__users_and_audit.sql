-- The people who use roomwatch. Passwords only as Argon2id hashes (PHC strings).
CREATE TABLE users (
    name            VARCHAR(64)   NOT NULL PRIMARY KEY,
    role            VARCHAR(16)   NOT NULL,
    password_hash   VARCHAR(200)  NOT NULL,
    disabled        BOOLEAN       NOT NULL,
    failed_logins   INTEGER       NOT NULL,
    locked_until    TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by      VARCHAR(64)   NOT NULL
);

-- Personal API tokens: only the SHA-256 of the secret is kept.
CREATE TABLE api_tokens (
    id            VARCHAR(32)   NOT NULL PRIMARY KEY,
    user_name     VARCHAR(64)   NOT NULL REFERENCES users (name),
    label         VARCHAR(100)  NOT NULL,
    secret_sha256 VARCHAR(64)   NOT NULL UNIQUE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used     TIMESTAMP WITH TIME ZONE,
    revoked       BOOLEAN       NOT NULL
);

-- The audit log: append-only, each entry chained to the one before by SHA-256.
CREATE TABLE audit_log (
    seq              BIGINT        NOT NULL PRIMARY KEY,
    at               TIMESTAMP WITH TIME ZONE NOT NULL,
    actor            VARCHAR(64)   NOT NULL,
    role             VARCHAR(16)   NOT NULL,
    address          VARCHAR(64)   NOT NULL,
    action           VARCHAR(200)  NOT NULL,
    target           VARCHAR(500)  NOT NULL,
    detail           VARCHAR(4000) NOT NULL,
    results          INTEGER,
    status           INTEGER       NOT NULL,
    previous_sha256  VARCHAR(64)   NOT NULL,
    sha256           VARCHAR(64)   NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
