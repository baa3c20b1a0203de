-- Issue 13, item 5: alerts before a deadline passes. Notifications are produced from the change log by one reader
-- (decision 0135): each row below exists at most once per event and recipient (and channel), whatever restarts or
-- how many nodes read the log.

-- Where the notification reader stands in the change log (one row; the reader updates it in the transaction that
-- writes what it produced, so a restart resumes exactly there).
CREATE TABLE notification_cursor (
    name          TEXT    PRIMARY KEY,
    last_change_id INTEGER NOT NULL
);

-- "Due soon" warnings the deadline watchdog recorded: one per case, mark, level and due time (a new deadline after a
-- return or reopen warns again). Each new row is a change-log entry, as a breach is.
CREATE TABLE case_due_warnings (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    mark        TEXT    NOT NULL,
    level       TEXT    NOT NULL,
    due_at      INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (case_id, mark, level, due_at)
);

-- The in-app notification: one per change-log event and recipient (the unique key is the idempotency guard).
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    change_id  INTEGER NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    kind       TEXT    NOT NULL CHECK (kind IN ('case_opened', 'due_soon', 'breached', 'escalated', 'decision', 'assigned')),
    case_id    INTEGER REFERENCES cases(id),
    mark       TEXT,
    summary    TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    read_at    INTEGER,
    UNIQUE (change_id, user_id)
);
CREATE INDEX ix_notifications_user ON notifications(user_id, id);
CREATE INDEX ix_notifications_unread ON notifications(user_id) WHERE read_at IS NULL;

-- Outbound deliveries (e-mail, webhook), the outbox of the retrying jobs: one per notification and channel, or one
-- digest per user and local day (dedupe_key). Failures stay visible (status 'failed', last_error) on the ops page.
CREATE TABLE notification_deliveries (
    id              INTEGER PRIMARY KEY,
    dedupe_key      TEXT    NOT NULL UNIQUE,
    notification_id INTEGER REFERENCES notifications(id),
    user_id         INTEGER NOT NULL REFERENCES users(id),
    channel         TEXT    NOT NULL CHECK (channel IN ('email', 'webhook')),
    kind            TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_at      INTEGER,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER
);
CREATE INDEX ix_notification_deliveries_due ON notification_deliveries(status, next_attempt_at);
CREATE INDEX ix_notification_deliveries_created ON notification_deliveries(created_at);

-- A user's choice per kind and channel; no row means the default (in-app and browser on, e-mail and webhook off).
CREATE TABLE notification_preferences (
    user_id INTEGER NOT NULL REFERENCES users(id),
    kind    TEXT    NOT NULL,
    channel TEXT    NOT NULL CHECK (channel IN ('in_app', 'browser', 'email', 'webhook')),
    enabled INTEGER NOT NULL,
    PRIMARY KEY (user_id, kind, channel)
);

-- A user's address for e-mail and whether e-mail comes as one daily digest instead of one message per event.
CREATE TABLE notification_settings (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id),
    email      TEXT,
    digest     INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);
