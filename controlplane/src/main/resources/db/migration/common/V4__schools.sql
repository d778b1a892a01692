-- The school registry (NEIS 학교기본정보 or the synthetic sample) that the tagger compiles into its gazetteer.
CREATE TABLE schools (
    id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    level        VARCHAR(16),
    gender       VARCHAR(8)   NOT NULL,
    sido         VARCHAR(64),
    sigungu      VARCHAR(64),
    imported_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE school_aliases (
    school_id  VARCHAR(64)  NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    alias      VARCHAR(200) NOT NULL,
    PRIMARY KEY (school_id, alias)
);
