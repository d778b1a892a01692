-- People whose mentions are tagged (victims who asked for help, with their consent): names and identifiers only.
-- Watchlists (alerts) refer to these; the tagger reads them to recognise a person in text.
CREATE TABLE watched_people (
    id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    name        VARCHAR(100)  NOT NULL,
    phones      VARCHAR(1000),
    handles     VARCHAR(1000),
    added_by    VARCHAR(200)  NOT NULL,
    added_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
