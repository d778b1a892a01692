-- The rooms roomwatch watches, and where each room's crawl stands.
CREATE TABLE watched_rooms (
    name             VARCHAR(64)  NOT NULL PRIMARY KEY,
    source           VARCHAR(16)  NOT NULL,
    interval_seconds BIGINT       NOT NULL,
    added_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Kept when a room is unwatched: watching it again resumes where it stopped, never re-reading as new.
CREATE TABLE crawl_positions (
    name           VARCHAR(64)   NOT NULL PRIMARY KEY,
    cursor_id      BIGINT        NOT NULL,
    pending_top    BIGINT        NOT NULL,
    resume_before  BIGINT        NOT NULL,
    last_crawl     TIMESTAMP WITH TIME ZONE,
    last_outcome   VARCHAR(2000)
);
