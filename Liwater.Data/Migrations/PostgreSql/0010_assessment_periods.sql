-- PostgreSQL twin of ../0010_assessment_periods.sql
-- The state of an assessment period (quarter 1-4, 0 = year-end): score sheets are drafts until the town office
-- publishes the period; only a published period is shown in public (wall, overview, compound profile, red and black
-- lists) and ranked into rating_results. A period without a row is a draft. Re-opening sets it back to draft with a
-- reason; every publish and re-open is also in audit_log (decision 0090).
CREATE TABLE assessment_periods (
    year          BIGINT NOT NULL,
    quarter       BIGINT NOT NULL CHECK (quarter BETWEEN 0 AND 4),
    state         TEXT    NOT NULL CHECK (state IN ('draft', 'published')),
    changed_at    BIGINT NOT NULL,
    changed_by    TEXT    NOT NULL,
    reopen_reason TEXT,
    PRIMARY KEY (year, quarter)
);

-- A database upgraded from before this step keeps showing what it showed: a period already ranked into rating_results
-- was announced, and a period made only of demo scores (is_assumption) is the demo's published 2021 table.
INSERT INTO assessment_periods (year, quarter, state, changed_at, changed_by)
SELECT DISTINCT year, quarter, 'published', COALESCE((SELECT MAX(computed_at) FROM rating_results r WHERE r.year = p.year AND r.quarter = p.quarter), 0), 'migration'
FROM (
    SELECT year, quarter FROM rating_results
    UNION
    SELECT year, quarter FROM assessment_scores GROUP BY year, quarter HAVING MIN(is_assumption) = 1
) p;
