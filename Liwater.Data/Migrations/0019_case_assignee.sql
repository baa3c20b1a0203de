-- Issue 13, item 4: a case can be assigned to a named person (a steward of its compound, staff of its community, the
-- town office), beside the unit it is assigned to. Who may be named is the case-rights rule itself (CaseAccess): the
-- person must be able to work the case. Moving the case to another level clears it (decision 0131).
ALTER TABLE cases ADD COLUMN assignee_id INTEGER REFERENCES users(id);
-- 「我的待办」 reads a person's active cases by the next mark due.
CREATE INDEX ix_cases_assignee ON cases(assignee_id, due_at) WHERE assignee_id IS NOT NULL;
