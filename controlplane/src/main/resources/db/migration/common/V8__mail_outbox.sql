-- Alert mail waiting to go, sent, or failed for good. Nothing is dropped: a failed send stays here, visible.
CREATE TABLE mail_outbox (
    id               VARCHAR(64)    NOT NULL PRIMARY KEY,
    recipient        VARCHAR(320)   NOT NULL,
    subject          VARCHAR(500)   NOT NULL,
    body             VARCHAR(20000) NOT NULL,
    kind             VARCHAR(16)    NOT NULL,
    status           VARCHAR(16)    NOT NULL,
    attempts         INT            NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(1000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE
);

-- Alerts waiting for the next digest of a list, per recipient.
CREATE TABLE mail_digest_queue (
    alert_id        VARCHAR(400)  NOT NULL,
    recipient       VARCHAR(320)  NOT NULL,
    watchlist_id    VARCHAR(64)   NOT NULL,
    watchlist_name  VARCHAR(200)  NOT NULL,
    room_title      VARCHAR(500),
    room_id         VARCHAR(300)  NOT NULL,
    rule_kinds      VARCHAR(200)  NOT NULL,
    queued_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (alert_id, recipient)
);
