-- Issue 13, part 1: the resident QR channel, photo evidence and the property-steward role.

-- Two CHECK constraints gain one value each: cases.status 'spam' (a report marked as spam; nothing is deleted) and
-- users.role 'property_steward'. SQLite cannot alter a CHECK, and the usual table rebuild is impossible inside this
-- script's transaction with foreign keys on (dropping the old table trips every child's foreign key). Widening an
-- IN list leaves every stored row valid, so the schema text is edited in place, the procedure SQLite documents
-- for loosening constraints (lang_altertable.html, "simpler procedure"); see decision record 0130.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, '''closed'', ''cancelled'')', '''closed'', ''cancelled'', ''spam'')')
WHERE type = 'table' AND name = 'cases' AND sql NOT LIKE '%''spam''%';
UPDATE sqlite_schema
SET sql = replace(sql, '''assessor'', ''viewer'')', '''assessor'', ''viewer'', ''property_steward'')')
WHERE type = 'table' AND name = 'users' AND sql NOT LIKE '%''property_steward''%';
-- RESET makes this connection re-read the edited schema (other connections see the schema cookie move).
PRAGMA writable_schema = RESET;
PRAGMA writable_schema = OFF;

-- A property steward works the cases of the compounds listed here (and nothing else).
CREATE TABLE user_compounds (
    user_id     INTEGER NOT NULL REFERENCES users(id),
    compound_id INTEGER NOT NULL REFERENCES compounds(id),
    PRIMARY KEY (user_id, compound_id)
);
CREATE INDEX ix_user_compounds_compound ON user_compounds(compound_id);

-- The code printed on a building's QR sheet. Stable (printed once, used for years) but revocable: revoking stamps
-- revoked_at and a new code is issued; at most one live code per building.
CREATE TABLE building_codes (
    id          INTEGER PRIMARY KEY,
    building_id INTEGER NOT NULL REFERENCES buildings(id),
    code        TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);
CREATE UNIQUE INDEX ux_building_codes_live ON building_codes(building_id) WHERE revoked_at IS NULL;

-- A case a resident reported by QR code. The tracking link's token is never stored: only its SHA-256.
CREATE TABLE resident_reports (
    case_id       INTEGER PRIMARY KEY REFERENCES cases(id),
    building_id   INTEGER NOT NULL REFERENCES buildings(id),
    code_id       INTEGER NOT NULL REFERENCES building_codes(id),
    tracking_hash TEXT    NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL
);
CREATE INDEX ix_resident_reports_building ON resident_reports(building_id, created_at);

-- Photo evidence, in the database so every node of a cluster serves it and every backup carries it. Only the
-- re-encoded display size and thumbnail are kept (metadata such as EXIF GPS is gone); the original is not.
CREATE TABLE case_photos (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases(id),
    event_id       INTEGER REFERENCES case_events(id),
    source         TEXT    NOT NULL CHECK (source IN ('resident', 'staff')),
    is_public      INTEGER NOT NULL DEFAULT 0,
    original_type  TEXT    NOT NULL,
    original_bytes INTEGER NOT NULL,
    width          INTEGER NOT NULL,
    height         INTEGER NOT NULL,
    display        BLOB    NOT NULL,
    thumbnail      BLOB    NOT NULL,
    user_id        INTEGER REFERENCES users(id),
    created_at     INTEGER NOT NULL
);
CREATE INDEX ix_case_photos_case ON case_photos(case_id, id);
