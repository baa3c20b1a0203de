-- PostgreSQL twin of ../0023_counters_without_hot_rows.sql, plus what only PostgreSQL needs (decision 0125): under
-- SERIALIZABLE, two writers that change the same row cannot both commit, so a row that every create changes makes
-- concurrent creates fail and run again. Two such rows are removed here.

-- 1. Each year's last case number. CaseCodes takes the next one in its own short transaction before the create's
--    SERIALIZABLE one begins, so no create reads or changes it inside its transaction.
CREATE TABLE case_code_counters (
    year TEXT   NOT NULL PRIMARY KEY,
    last BIGINT NOT NULL
);

-- 2. Case counts as deltas: the cases trigger only appends (+1 to where a case is now, -1 to where it was), and
--    agg_case_counts becomes a view with the table's old name and columns over those rows. A key may have several
--    rows, so every reader sums (they all did: SUM(cases) over the keys it wants); on SQLite a key has one row.
--    CaseCountDeltas folds each key's rows into one every few seconds. The view is simple, so writes through it
--    (AggregateCheck's repair, tests) reach the table.
ALTER TABLE agg_case_counts RENAME TO agg_case_count_deltas;
ALTER TABLE agg_case_count_deltas DROP CONSTRAINT agg_case_counts_pkey;
CREATE INDEX ix_agg_case_count_deltas ON agg_case_count_deltas (status, level, compound_id, community_id);

CREATE VIEW agg_case_counts AS
SELECT status, compound_id, level, community_id, cases FROM agg_case_count_deltas;

CREATE OR REPLACE FUNCTION agg_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO agg_case_count_deltas (status, compound_id, level, community_id, cases)
        VALUES (OLD.status, OLD.compound_id, OLD.level, OLD.community_id, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO agg_case_count_deltas (status, compound_id, level, community_id, cases)
        VALUES (NEW.status, NEW.compound_id, NEW.level, NEW.community_id, 1);
    END IF;
    RETURN NULL;
END $$;
