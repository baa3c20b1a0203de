-- Every sign-in attempt that reached the sign-in endpoint: the name typed (whether or not it exists), the client
-- address, and what came of it. It is the audit of sign-ins and the memory of the per-name-and-client back-off
-- (decision 0101): failures count only against the client that made them, so a stranger cannot lock a real user out.
CREATE TABLE sign_in_attempts (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    username TEXT    NOT NULL COLLATE NOCASE,
    client   TEXT    NOT NULL,
    outcome  TEXT    NOT NULL CHECK (outcome IN ('ok', 'failed', 'throttled')),
    user_id  INTEGER REFERENCES users(id)
);
CREATE INDEX ix_sign_in_attempts_backoff ON sign_in_attempts(username, client, at);

-- Accounts created as demo accounts (seeded with demo passwords); outside Development the app refuses to start while
-- one is active (decision 0102).
ALTER TABLE users ADD COLUMN is_demo INTEGER NOT NULL DEFAULT 0;

-- Whether a client failed lately (it then hashes in the slower lane).
CREATE INDEX ix_sign_in_attempts_client ON sign_in_attempts(client, at);
