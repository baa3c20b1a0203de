-- PostgreSQL twin of ../0007_assigned_deadline.sql
-- The deadline a joint-meeting chair sets when assigning a town-level case (end of the chosen local day, UTC ms).
-- It is a deadline mark like the level limit: the watchdog records it when it passes unmet.
ALTER TABLE cases ADD COLUMN assigned_due_at BIGINT;
