-- Cases of the victim support side: photos hashed in the victim's or counselor's browser form a case hash set.
-- Hashes only, never images; the consent note records on what basis the hashes were taken.
CREATE TABLE cases (
    case_number   VARCHAR(64)   NOT NULL PRIMARY KEY,
    hash_set      VARCHAR(64)   NOT NULL REFERENCES hash_sets (name),
    counselor     VARCHAR(200)  NOT NULL,
    consent_note  VARCHAR(2000) NOT NULL,
    watchlist_id  VARCHAR(64),
    photos        INTEGER       NOT NULL,
    created_by    VARCHAR(200)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
