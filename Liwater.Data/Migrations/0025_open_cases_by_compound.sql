-- The wall's map counts each compound's overdue and due-soon cases on every refresh (LiveCounterQueries). At city
-- scale (1 M cases, ~11,000 open) the grouping by compound over ix_cases_open_due (due first) took 6 ms of the read:
-- this index hands the open cases over in compound order, with the status, so neither a sort nor a table lookup is
-- needed. ix_cases_open_due gains the status for the same reason (the overdue counters read only the index).
DROP INDEX ix_cases_open_due;
CREATE INDEX ix_cases_open_due ON cases(due_at, compound_id, status) WHERE status IN ('open', 'in_progress');
CREATE INDEX ix_cases_open_compound ON cases(compound_id, due_at, status) WHERE status IN ('open', 'in_progress');
