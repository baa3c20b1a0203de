-- PostgreSQL twin of ../0022_aggregates.sql
-- Aggregates for city-scale reads (decision 0160): counts and sums per compound (and per local day or month) kept
-- current by triggers in the writing transaction, whoever writes. AggregateCheck recounts and repairs them. Under
-- SERIALIZABLE two writers that move the same aggregate row conflict and one is run again by Db (its retry loop).

CREATE TABLE agg_case_counts (
    status       TEXT   NOT NULL,
    compound_id  BIGINT NOT NULL,
    level        TEXT   NOT NULL,
    community_id BIGINT NOT NULL,
    cases        BIGINT NOT NULL,
    PRIMARY KEY (status, compound_id, level, community_id)
);

CREATE TABLE agg_activity_days (
    day        TEXT             NOT NULL PRIMARY KEY,
    hours      DOUBLE PRECISION NOT NULL,
    activities BIGINT           NOT NULL
);

CREATE TABLE agg_activity_months (
    month       TEXT             NOT NULL,
    compound_id BIGINT           NOT NULL,
    hours       DOUBLE PRECISION NOT NULL,
    activities  BIGINT           NOT NULL,
    PRIMARY KEY (month, compound_id)
);

CREATE TABLE agg_compound_territory (
    compound_id          BIGINT NOT NULL PRIMARY KEY,
    buildings            BIGINT NOT NULL DEFAULT 0,
    households           BIGINT NOT NULL DEFAULT 0,
    residents            BIGINT NOT NULL DEFAULT 0,
    households_contacted BIGINT NOT NULL DEFAULT 0
);

-- It replaces ix_cases_due (due_at only), which made the per-compound count visit every open case's row.
DROP INDEX ix_cases_due;
CREATE INDEX ix_cases_open_due ON cases(due_at, compound_id) WHERE status IN ('open', 'in_progress');

-- cases --------------------------------------------------------------------------------------------------------
CREATE FUNCTION agg_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE agg_case_counts SET cases = cases - 1
        WHERE status = OLD.status AND compound_id = OLD.compound_id AND level = OLD.level AND community_id = OLD.community_id;
        DELETE FROM agg_case_counts
        WHERE status = OLD.status AND compound_id = OLD.compound_id AND level = OLD.level AND community_id = OLD.community_id AND cases = 0;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO agg_case_counts (status, compound_id, level, community_id, cases)
        VALUES (NEW.status, NEW.compound_id, NEW.level, NEW.community_id, 1)
        ON CONFLICT (status, compound_id, level, community_id) DO UPDATE SET cases = agg_case_counts.cases + 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER agg_cases_insert AFTER INSERT OR DELETE ON cases FOR EACH ROW EXECUTE FUNCTION agg_cases();
CREATE TRIGGER agg_cases_update AFTER UPDATE OF status, compound_id, level, community_id ON cases FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.compound_id IS DISTINCT FROM NEW.compound_id
      OR OLD.level IS DISTINCT FROM NEW.level OR OLD.community_id IS DISTINCT FROM NEW.community_id)
EXECUTE FUNCTION agg_cases();

-- volunteer activities ------------------------------------------------------------------------------------------
CREATE FUNCTION agg_activities() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE agg_activity_days SET hours = hours - OLD.hours * OLD.people, activities = activities - 1 WHERE day = OLD.occurred_on;
        DELETE FROM agg_activity_days WHERE day = OLD.occurred_on AND activities = 0;
        UPDATE agg_activity_months SET hours = hours - OLD.hours * OLD.people, activities = activities - 1
        WHERE month = substr(OLD.occurred_on, 1, 7) AND compound_id = OLD.compound_id;
        DELETE FROM agg_activity_months WHERE month = substr(OLD.occurred_on, 1, 7) AND compound_id = OLD.compound_id AND activities = 0;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO agg_activity_days (day, hours, activities) VALUES (NEW.occurred_on, NEW.hours * NEW.people, 1)
        ON CONFLICT (day) DO UPDATE SET hours = agg_activity_days.hours + excluded.hours, activities = agg_activity_days.activities + 1;
        INSERT INTO agg_activity_months (month, compound_id, hours, activities)
        VALUES (substr(NEW.occurred_on, 1, 7), NEW.compound_id, NEW.hours * NEW.people, 1)
        ON CONFLICT (month, compound_id) DO UPDATE SET hours = agg_activity_months.hours + excluded.hours, activities = agg_activity_months.activities + 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER agg_activities_insert AFTER INSERT OR DELETE ON volunteer_activities FOR EACH ROW EXECUTE FUNCTION agg_activities();
CREATE TRIGGER agg_activities_update AFTER UPDATE OF occurred_on, compound_id, hours, people ON volunteer_activities FOR EACH ROW
EXECUTE FUNCTION agg_activities();

-- territory -----------------------------------------------------------------------------------------------------
-- Adds sign × (one building with its households, residents and contacted households) to a compound.
CREATE FUNCTION agg_add_building(p_compound BIGINT, p_building BIGINT, p_sign BIGINT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO agg_compound_territory (compound_id) VALUES (p_compound) ON CONFLICT (compound_id) DO NOTHING;
    UPDATE agg_compound_territory SET
        buildings = buildings + p_sign,
        households = households + p_sign * (SELECT COUNT(*) FROM households h WHERE h.building_id = p_building),
        residents = residents + p_sign * (SELECT COALESCE(SUM(h.residents), 0) FROM households h WHERE h.building_id = p_building),
        households_contacted = households_contacted + p_sign * (SELECT COUNT(*) FROM households h WHERE h.building_id = p_building
            AND EXISTS (SELECT 1 FROM household_contacts hc WHERE hc.household_id = h.id))
    WHERE compound_id = p_compound;
END $$;

CREATE FUNCTION agg_buildings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM agg_add_building(OLD.compound_id, OLD.id, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM agg_add_building(NEW.compound_id, NEW.id, 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER agg_buildings_insert AFTER INSERT OR DELETE ON buildings FOR EACH ROW EXECUTE FUNCTION agg_buildings();
CREATE TRIGGER agg_buildings_update AFTER UPDATE OF compound_id ON buildings FOR EACH ROW
WHEN (OLD.compound_id IS DISTINCT FROM NEW.compound_id) EXECUTE FUNCTION agg_buildings();

CREATE FUNCTION agg_households() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE compound BIGINT;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT compound_id INTO compound FROM buildings WHERE id = OLD.building_id;
        UPDATE agg_compound_territory SET
            households = households - 1,
            residents = residents - OLD.residents,
            households_contacted = households_contacted
                - (CASE WHEN EXISTS (SELECT 1 FROM household_contacts WHERE household_id = OLD.id) THEN 1 ELSE 0 END)
        WHERE compound_id = compound;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        SELECT compound_id INTO compound FROM buildings WHERE id = NEW.building_id;
        INSERT INTO agg_compound_territory (compound_id, households, residents, households_contacted)
        VALUES (compound, 1, NEW.residents,
                CASE WHEN EXISTS (SELECT 1 FROM household_contacts WHERE household_id = NEW.id) THEN 1 ELSE 0 END)
        ON CONFLICT (compound_id) DO UPDATE SET
            households = agg_compound_territory.households + 1,
            residents = agg_compound_territory.residents + excluded.residents,
            households_contacted = agg_compound_territory.households_contacted + excluded.households_contacted;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER agg_households_insert AFTER INSERT OR DELETE ON households FOR EACH ROW EXECUTE FUNCTION agg_households();
CREATE TRIGGER agg_households_update AFTER UPDATE OF building_id, residents ON households FOR EACH ROW
WHEN (OLD.building_id IS DISTINCT FROM NEW.building_id OR OLD.residents IS DISTINCT FROM NEW.residents)
EXECUTE FUNCTION agg_households();

-- A household counts once as contacted, from its first contact to the removal of its last. BEFORE triggers here,
-- unlike SQLite's AFTER: PostgreSQL runs AFTER ROW triggers at the end of the statement, when every row of a
-- multi-row insert or delete is already visible, so "is this the household's first/last contact?" would be wrong;
-- a BEFORE ROW trigger sees the rows processed before it in the same statement and not its own.
CREATE FUNCTION agg_contacts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE')
       AND NOT EXISTS (SELECT 1 FROM household_contacts WHERE household_id = OLD.household_id AND id <> OLD.id) THEN
        UPDATE agg_compound_territory SET households_contacted = households_contacted - 1
        WHERE compound_id = (SELECT b.compound_id FROM households h JOIN buildings b ON b.id = h.building_id WHERE h.id = OLD.household_id);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT')
       AND NOT EXISTS (SELECT 1 FROM household_contacts WHERE household_id = NEW.household_id AND id IS DISTINCT FROM NEW.id) THEN
        UPDATE agg_compound_territory SET households_contacted = households_contacted + 1
        WHERE compound_id = (SELECT b.compound_id FROM households h JOIN buildings b ON b.id = h.building_id WHERE h.id = NEW.household_id);
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER agg_contacts_insert BEFORE INSERT OR DELETE ON household_contacts FOR EACH ROW EXECUTE FUNCTION agg_contacts();
CREATE TRIGGER agg_contacts_update BEFORE UPDATE OF household_id ON household_contacts FOR EACH ROW
WHEN (OLD.household_id IS DISTINCT FROM NEW.household_id) EXECUTE FUNCTION agg_contacts();

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
