-- PostgreSQL twin of ../0006_meeting_one_in_session.sql
-- At most one joint meeting in session: the command refuses a second with a message, this index makes it a fact.
CREATE UNIQUE INDEX ux_meetings_in_session ON meetings(status) WHERE status = 'in_session';
CREATE INDEX ix_meeting_items_meeting ON meeting_items(meeting_id, sort_order);
