-- The frames of the videos a hash set lists by vPDQ (entries of kind 'vpdq', keyed by the SHA-256 of the vPDQ's
-- lines): one row per hashed frame, in the order the vPDQ gives them. Hashes only, never a frame.
CREATE TABLE hash_set_video_frames (
    set_name      VARCHAR(64)      NOT NULL REFERENCES hash_sets (name) ON DELETE CASCADE,
    video         VARCHAR(64)      NOT NULL,
    position      INTEGER          NOT NULL,
    frame_number  INTEGER          NOT NULL,
    quality       INTEGER          NOT NULL,
    pdq           VARCHAR(64)      NOT NULL,
    seconds       DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (set_name, video, position)
);
