-- PostgreSQL twin of ../0017_statistics_snapshot_cursor.sql
-- The change-log id the latest statistics snapshot has seen (one row). A snapshot asked for after changes that a later
-- snapshot already covered is skipped: every node of a cluster reads the same change log and asks for a snapshot after
-- the same burst, and the snapshot then runs once, not once per node (docs/decisions/0123).
CREATE TABLE statistics_snapshot_cursor (
    id        BIGINT PRIMARY KEY CHECK (id = 1),
    change_id BIGINT NOT NULL
);
INSERT INTO statistics_snapshot_cursor (id, change_id) VALUES (1, 0);
