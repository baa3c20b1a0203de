-- Aggregates for city-scale reads (decision 0160): counts and sums per compound (and per local day or month) kept
-- current by triggers, so they change in the same transaction as the rows they count, whoever writes (the case
-- command, the volunteer import, the demo loader, a repair by hand). Readers: LiveCounterQueries (the wall),
-- StatisticsQueries (town figures), TerritoryQueries (compound list). AggregateCheck recounts them from the rows and
-- repairs a difference (nightly job). The last statements fill them from the rows already there.

-- Cases by where they are (case's own community and compound), level and status. Zero rows are deleted.
CREATE TABLE agg_case_counts (
    status       TEXT    NOT NULL,
    compound_id  INTEGER NOT NULL,
    level        TEXT    NOT NULL,
    community_id INTEGER NOT NULL,
    cases        INTEGER NOT NULL,
    PRIMARY KEY (status, compound_id, level, community_id)
) WITHOUT ROWID;

-- Volunteer hours × people and activities per local day of the town (the trend, today, this month).
CREATE TABLE agg_activity_days (
    day        TEXT    NOT NULL PRIMARY KEY,
    hours      REAL    NOT NULL,
    activities INTEGER NOT NULL
) WITHOUT ROWID;

-- The same per compound and local month ('YYYY-MM'): the map's hours layer.
CREATE TABLE agg_activity_months (
    month       TEXT    NOT NULL,
    compound_id INTEGER NOT NULL,
    hours       REAL    NOT NULL,
    activities  INTEGER NOT NULL,
    PRIMARY KEY (month, compound_id)
) WITHOUT ROWID;

-- Territory per compound: buildings, households, residents, and households with at least one contact.
CREATE TABLE agg_compound_territory (
    compound_id          INTEGER NOT NULL PRIMARY KEY,
    buildings            INTEGER NOT NULL DEFAULT 0,
    households           INTEGER NOT NULL DEFAULT 0,
    residents            INTEGER NOT NULL DEFAULT 0,
    households_contacted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Open cases by deadline: the wall's overdue and due-soon figures move with the clock, so they are counted from
-- the open cases only (a few thousand rows at city scale), through this partial index.
-- It replaces ix_cases_due (due_at only), which made the per-compound count visit every open case's row.
DROP INDEX ix_cases_due;
CREATE INDEX ix_cases_open_due ON cases(due_at, compound_id) WHERE status IN ('open', 'in_progress');

-- cases --------------------------------------------------------------------------------------------------------
CREATE TRIGGER agg_cases_insert AFTER INSERT ON cases
BEGIN
    INSERT INTO agg_case_counts (status, compound_id, level, community_id, cases)
    VALUES (NEW.status, NEW.compound_id, NEW.level, NEW.community_id, 1)
    ON CONFLICT (status, compound_id, level, community_id) DO UPDATE SET cases = cases + 1;
END;

CREATE TRIGGER agg_cases_delete AFTER DELETE ON cases
BEGIN
    UPDATE agg_case_counts SET cases = cases - 1
    WHERE status = OLD.status AND compound_id = OLD.compound_id AND level = OLD.level AND community_id = OLD.community_id;
    DELETE FROM agg_case_counts
    WHERE status = OLD.status AND compound_id = OLD.compound_id AND level = OLD.level AND community_id = OLD.community_id AND cases = 0;
END;

CREATE TRIGGER agg_cases_update AFTER UPDATE OF status, compound_id, level, community_id ON cases
WHEN OLD.status IS NOT NEW.status OR OLD.compound_id IS NOT NEW.compound_id OR OLD.level IS NOT NEW.level
  OR OLD.community_id IS NOT NEW.community_id
BEGIN
    UPDATE agg_case_counts SET cases = cases - 1
    WHERE status = OLD.status AND compound_id = OLD.compound_id AND level = OLD.level AND community_id = OLD.community_id;
    DELETE FROM agg_case_counts
    WHERE status = OLD.status AND compound_id = OLD.compound_id AND level = OLD.level AND community_id = OLD.community_id AND cases = 0;
    INSERT INTO agg_case_counts (status, compound_id, level, community_id, cases)
    VALUES (NEW.status, NEW.compound_id, NEW.level, NEW.community_id, 1)
    ON CONFLICT (status, compound_id, level, community_id) DO UPDATE SET cases = cases + 1;
END;

-- volunteer activities ------------------------------------------------------------------------------------------
CREATE TRIGGER agg_activities_insert AFTER INSERT ON volunteer_activities
BEGIN
    INSERT INTO agg_activity_days (day, hours, activities) VALUES (NEW.occurred_on, NEW.hours * NEW.people, 1)
    ON CONFLICT (day) DO UPDATE SET hours = hours + excluded.hours, activities = activities + 1;
    INSERT INTO agg_activity_months (month, compound_id, hours, activities)
    VALUES (substr(NEW.occurred_on, 1, 7), NEW.compound_id, NEW.hours * NEW.people, 1)
    ON CONFLICT (month, compound_id) DO UPDATE SET hours = hours + excluded.hours, activities = activities + 1;
END;

CREATE TRIGGER agg_activities_delete AFTER DELETE ON volunteer_activities
BEGIN
    UPDATE agg_activity_days SET hours = hours - OLD.hours * OLD.people, activities = activities - 1 WHERE day = OLD.occurred_on;
    DELETE FROM agg_activity_days WHERE day = OLD.occurred_on AND activities = 0;
    UPDATE agg_activity_months SET hours = hours - OLD.hours * OLD.people, activities = activities - 1
    WHERE month = substr(OLD.occurred_on, 1, 7) AND compound_id = OLD.compound_id;
    DELETE FROM agg_activity_months WHERE month = substr(OLD.occurred_on, 1, 7) AND compound_id = OLD.compound_id AND activities = 0;
END;

CREATE TRIGGER agg_activities_update AFTER UPDATE OF occurred_on, compound_id, hours, people ON volunteer_activities
BEGIN
    UPDATE agg_activity_days SET hours = hours - OLD.hours * OLD.people, activities = activities - 1 WHERE day = OLD.occurred_on;
    DELETE FROM agg_activity_days WHERE day = OLD.occurred_on AND activities = 0;
    UPDATE agg_activity_months SET hours = hours - OLD.hours * OLD.people, activities = activities - 1
    WHERE month = substr(OLD.occurred_on, 1, 7) AND compound_id = OLD.compound_id;
    DELETE FROM agg_activity_months WHERE month = substr(OLD.occurred_on, 1, 7) AND compound_id = OLD.compound_id AND activities = 0;
    INSERT INTO agg_activity_days (day, hours, activities) VALUES (NEW.occurred_on, NEW.hours * NEW.people, 1)
    ON CONFLICT (day) DO UPDATE SET hours = hours + excluded.hours, activities = activities + 1;
    INSERT INTO agg_activity_months (month, compound_id, hours, activities)
    VALUES (substr(NEW.occurred_on, 1, 7), NEW.compound_id, NEW.hours * NEW.people, 1)
    ON CONFLICT (month, compound_id) DO UPDATE SET hours = hours + excluded.hours, activities = activities + 1;
END;

-- territory -----------------------------------------------------------------------------------------------------
CREATE TRIGGER agg_buildings_insert AFTER INSERT ON buildings
BEGIN
    INSERT INTO agg_compound_territory (compound_id, buildings) VALUES (NEW.compound_id, 1)
    ON CONFLICT (compound_id) DO UPDATE SET buildings = buildings + 1;
END;

CREATE TRIGGER agg_buildings_delete AFTER DELETE ON buildings
BEGIN
    UPDATE agg_compound_territory SET buildings = buildings - 1 WHERE compound_id = OLD.compound_id;
END;

-- A building that moves takes its households, residents and contacted households with it.
CREATE TRIGGER agg_buildings_update AFTER UPDATE OF compound_id ON buildings
WHEN OLD.compound_id IS NOT NEW.compound_id
BEGIN
    INSERT INTO agg_compound_territory (compound_id) VALUES (NEW.compound_id) ON CONFLICT (compound_id) DO NOTHING;
    UPDATE agg_compound_territory SET
        buildings = buildings + (CASE WHEN compound_id = NEW.compound_id THEN 1 ELSE -1 END),
        households = households + (CASE WHEN compound_id = NEW.compound_id THEN 1 ELSE -1 END)
            * (SELECT COUNT(*) FROM households h WHERE h.building_id = NEW.id),
        residents = residents + (CASE WHEN compound_id = NEW.compound_id THEN 1 ELSE -1 END)
            * (SELECT COALESCE(SUM(h.residents), 0) FROM households h WHERE h.building_id = NEW.id),
        households_contacted = households_contacted + (CASE WHEN compound_id = NEW.compound_id THEN 1 ELSE -1 END)
            * (SELECT COUNT(*) FROM households h WHERE h.building_id = NEW.id
               AND EXISTS (SELECT 1 FROM household_contacts hc WHERE hc.household_id = h.id))
    WHERE compound_id IN (OLD.compound_id, NEW.compound_id);
END;

CREATE TRIGGER agg_households_insert AFTER INSERT ON households
BEGIN
    INSERT INTO agg_compound_territory (compound_id, households, residents)
    VALUES ((SELECT compound_id FROM buildings WHERE id = NEW.building_id), 1, NEW.residents)
    ON CONFLICT (compound_id) DO UPDATE SET households = households + 1, residents = residents + excluded.residents;
END;

CREATE TRIGGER agg_households_delete AFTER DELETE ON households
BEGIN
    UPDATE agg_compound_territory SET
        households = households - 1,
        residents = residents - OLD.residents,
        households_contacted = households_contacted
            - (CASE WHEN EXISTS (SELECT 1 FROM household_contacts WHERE household_id = OLD.id) THEN 1 ELSE 0 END)
    WHERE compound_id = (SELECT compound_id FROM buildings WHERE id = OLD.building_id);
END;

CREATE TRIGGER agg_households_update AFTER UPDATE OF building_id, residents ON households
WHEN OLD.building_id IS NOT NEW.building_id OR OLD.residents IS NOT NEW.residents
BEGIN
    UPDATE agg_compound_territory SET
        households = households - 1,
        residents = residents - OLD.residents,
        households_contacted = households_contacted
            - (CASE WHEN EXISTS (SELECT 1 FROM household_contacts WHERE household_id = OLD.id) THEN 1 ELSE 0 END)
    WHERE compound_id = (SELECT compound_id FROM buildings WHERE id = OLD.building_id);
    INSERT INTO agg_compound_territory (compound_id, households, residents, households_contacted)
    VALUES ((SELECT compound_id FROM buildings WHERE id = NEW.building_id), 1, NEW.residents,
            CASE WHEN EXISTS (SELECT 1 FROM household_contacts WHERE household_id = NEW.id) THEN 1 ELSE 0 END)
    ON CONFLICT (compound_id) DO UPDATE SET
        households = households + 1, residents = residents + excluded.residents,
        households_contacted = households_contacted + excluded.households_contacted;
END;

-- A household counts once as contacted, from its first contact to the removal of its last.
CREATE TRIGGER agg_contacts_insert AFTER INSERT ON household_contacts
WHEN NOT EXISTS (SELECT 1 FROM household_contacts WHERE household_id = NEW.household_id AND id <> NEW.id)
BEGIN
    UPDATE agg_compound_territory SET households_contacted = households_contacted + 1
    WHERE compound_id = (SELECT b.compound_id FROM households h JOIN buildings b ON b.id = h.building_id WHERE h.id = NEW.household_id);
END;

CREATE TRIGGER agg_contacts_delete AFTER DELETE ON household_contacts
WHEN NOT EXISTS (SELECT 1 FROM household_contacts WHERE household_id = OLD.household_id)
BEGIN
    UPDATE agg_compound_territory SET households_contacted = households_contacted - 1
    WHERE compound_id = (SELECT b.compound_id FROM households h JOIN buildings b ON b.id = h.building_id WHERE h.id = OLD.household_id);
END;

CREATE TRIGGER agg_contacts_update AFTER UPDATE OF household_id ON household_contacts
WHEN OLD.household_id IS NOT NEW.household_id
BEGIN
    UPDATE agg_compound_territory SET households_contacted = households_contacted - 1
    WHERE NOT EXISTS (SELECT 1 FROM household_contacts WHERE household_id = OLD.household_id)
      AND compound_id = (SELECT b.compound_id FROM households h JOIN buildings b ON b.id = h.building_id WHERE h.id = OLD.household_id);
    UPDATE agg_compound_territory SET households_contacted = households_contacted + 1
    WHERE NOT EXISTS (SELECT 1 FROM household_contacts WHERE household_id = NEW.household_id AND id <> NEW.id)
      AND compound_id = (SELECT b.compound_id FROM households h JOIN buildings b ON b.id = h.building_id WHERE h.id = NEW.household_id);
END;

-- Fill from the rows already there (the same recount AggregateCheck runs).
INSERT INTO agg_case_counts (status, compound_id, level, community_id, cases)
SELECT status, compound_id, level, community_id, COUNT(*) FROM cases GROUP BY status, compound_id, level, community_id;

INSERT INTO agg_activity_days (day, hours, activities)
SELECT occurred_on, SUM(hours * people), COUNT(*) FROM volunteer_activities GROUP BY occurred_on;

INSERT INTO agg_activity_months (month, compound_id, hours, activities)
SELECT substr(occurred_on, 1, 7), compound_id, SUM(hours * people), COUNT(*) FROM volunteer_activities
GROUP BY substr(occurred_on, 1, 7), compound_id;

INSERT INTO agg_compound_territory (compound_id, buildings, households, residents, households_contacted)
SELECT b.compound_id, COUNT(DISTINCT b.id), COUNT(h.id), COALESCE(SUM(h.residents), 0),
       COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM household_contacts hc WHERE hc.household_id = h.id) THEN 1 ELSE 0 END), 0)
FROM buildings b LEFT JOIN households h ON h.building_id = b.id
GROUP BY b.compound_id;
