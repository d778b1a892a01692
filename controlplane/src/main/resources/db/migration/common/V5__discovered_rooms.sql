-- Rooms found through links in captured text, waiting for an analyst to watch or dismiss them.
CREATE TABLE discovered_rooms (
    id           VARCHAR(200)  NOT NULL PRIMARY KEY,
    platform     VARCHAR(16)   NOT NULL,
    invite       BOOLEAN       NOT NULL,
    target       VARCHAR(200)  NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    first_seen   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen    TIMESTAMP WITH TIME ZONE NOT NULL,
    title        VARCHAR(500),
    members      BIGINT,
    expired      BOOLEAN,
    fetched_at   TIMESTAMP WITH TIME ZONE,
    fetch_note   VARCHAR(1000),
    decided_by   VARCHAR(200),
    decided_at   TIMESTAMP WITH TIME ZONE
);

CREATE TABLE discovered_sightings (
    room_id     VARCHAR(200)  NOT NULL REFERENCES discovered_rooms (id) ON DELETE CASCADE,
    message_id  VARCHAR(300)  NOT NULL,
    url         VARCHAR(1000) NOT NULL,
    seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (room_id, message_id)
);
