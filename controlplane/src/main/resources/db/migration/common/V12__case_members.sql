-- Need to know: a case belongs to the analysts it names, its creator and the members an admin adds. Only they (and
-- admins) see its matches, sightings, exports, takedown lists and hash set.
CREATE TABLE case_members (
    case_number VARCHAR(64)  NOT NULL REFERENCES cases (case_number),
    user_name   VARCHAR(200) NOT NULL,
    added_by    VARCHAR(200) NOT NULL,
    added_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (case_number, user_name)
);
