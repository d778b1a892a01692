-- Watchlists: an owner, members who receive the alerts, and rules. Every change bumps the version and is audited.
CREATE TABLE watchlists (
    id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    name        VARCHAR(200)  NOT NULL,
    owner       VARCHAR(200)  NOT NULL,
    priority    VARCHAR(16)   NOT NULL,
    active      BOOLEAN       NOT NULL,
    version     INT           NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE watchlist_members (
    watchlist_id  VARCHAR(64)  NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
    email         VARCHAR(320) NOT NULL,
    PRIMARY KEY (watchlist_id, email)
);

CREATE TABLE watchlist_rules (
    id            VARCHAR(64)   NOT NULL PRIMARY KEY,
    watchlist_id  VARCHAR(64)   NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
    kind          VARCHAR(16)   NOT NULL,
    rule_value    VARCHAR(500)  NOT NULL,
    threshold     INT,
    created_by    VARCHAR(200)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Append-only: rows are only ever inserted.
CREATE TABLE watchlist_audit (
    seq           BIGINT        NOT NULL PRIMARY KEY,
    watchlist_id  VARCHAR(64)   NOT NULL,
    version       INT           NOT NULL,
    actor         VARCHAR(200)  NOT NULL,
    action        VARCHAR(32)   NOT NULL,
    detail        VARCHAR(2000) NOT NULL,
    at            TIMESTAMP WITH TIME ZONE NOT NULL
);
