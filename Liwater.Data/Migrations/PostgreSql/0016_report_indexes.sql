-- PostgreSQL twin of ../0016_report_indexes.sql
-- Indexes for the period reports and the service record (docs/reports.md): a month or a quarter is read by time
-- windows on cases, their events and their breaches instead of a pass over every row at city scale.
CREATE INDEX ix_cases_opened ON cases(opened_at);
CREATE INDEX ix_cases_level_entered ON cases(level_entered_at);
CREATE INDEX ix_cases_closed ON cases(closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX ix_cases_assigned_due ON cases(assigned_due_at) WHERE assigned_due_at IS NOT NULL;
CREATE INDEX ix_case_events_kind_at ON case_events(kind, at, case_id);
CREATE INDEX ix_case_breaches_due ON case_breaches(due_at);
CREATE INDEX ix_motions_closed ON motions(closed_at) WHERE closed_at IS NOT NULL;
