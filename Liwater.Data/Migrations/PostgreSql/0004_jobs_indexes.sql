-- PostgreSQL twin of ../0004_jobs_indexes.sql
-- Indexes for the jobs and the live counters at city scale (see bench/ and docs/decisions/0031).

-- One snapshot row per scope per minute: the statistics job upserts, so re-running a minute replaces, never doubles.
DROP INDEX IF EXISTS ix_statistics_snapshots_scope;
CREATE UNIQUE INDEX ux_statistics_snapshots_minute ON statistics_snapshots(scope, scope_id, taken_at);
-- Pruning old minute rows walks by time only.
CREATE INDEX ix_statistics_snapshots_taken ON statistics_snapshots(taken_at);

-- Open cases per compound and level with their deadline, answered from the index alone (snapshot, counters, watchdog).
CREATE INDEX ix_cases_live ON cases(status, compound_id, level, due_at);

-- Cases resolved in a time window, with the compound, without touching the table (supersedes its prefix).
CREATE INDEX ix_cases_resolved_compound ON cases(resolved_at, compound_id);
DROP INDEX IF EXISTS ix_cases_resolved;

-- Volunteer hours of a day or a month (hours × people) per compound, answered from the index alone
-- (supersedes its prefix, the day index).
CREATE INDEX ix_volunteer_activities_hours ON volunteer_activities(occurred_on, compound_id, hours, people);
DROP INDEX IF EXISTS ix_volunteer_activities_day;
