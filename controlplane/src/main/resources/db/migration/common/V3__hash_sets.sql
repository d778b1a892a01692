-- Named sets of known hashes (imported lists, victims' photos hashed on their side). Hashes only, never images.
CREATE TABLE hash_sets (
    name         VARCHAR(64)   NOT NULL PRIMARY KEY,
    description  VARCHAR(2000),
    imported_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE hash_set_entries (
    set_name  VARCHAR(64)  NOT NULL REFERENCES hash_sets (name) ON DELETE CASCADE,
    kind      VARCHAR(8)   NOT NULL,
    hash      VARCHAR(64)  NOT NULL,
    label     VARCHAR(200),
    PRIMARY KEY (set_name, kind, hash)
);
