-- Each year's last case number (decision 0125). CaseCodes takes the next one; the row of a year is created by its
-- first case, from the highest number already stored that year (the demo, imported rows), so no fill is needed here.
-- On SQLite it is taken inside the create's transaction (one writer); the PostgreSQL twin says what differs there.
CREATE TABLE case_code_counters (
    year TEXT    NOT NULL PRIMARY KEY,
    last INTEGER NOT NULL
);
