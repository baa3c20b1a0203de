-- PostgreSQL twin of ../0024_compound_grid_kept.sql: each compound's place in the Party grid as a row kept current by
-- triggers (decision 0126); the view stays as the one definition, renamed compound_grid_counted.
ALTER VIEW compound_grid RENAME TO compound_grid_counted;

CREATE TABLE compound_grid (
    compound_id      BIGINT NOT NULL PRIMARY KEY,
    community_id     BIGINT NOT NULL,
    has_own_branch   INTEGER NOT NULL,
    has_joint_branch INTEGER NOT NULL,
    covered          INTEGER NOT NULL,
    complete_grid    INTEGER NOT NULL
);

CREATE FUNCTION grid_recount(ids BIGINT[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM compound_grid WHERE compound_id = ANY(ids);
    INSERT INTO compound_grid (compound_id, community_id, has_own_branch, has_joint_branch, covered, complete_grid)
    SELECT compound_id, community_id, has_own_branch, has_joint_branch, covered, complete_grid
    FROM compound_grid_counted WHERE compound_id = ANY(ids);
$$;

-- Which compounds a write can move (the rules of the SQLite triggers). OLD is NULL in an INSERT trigger and NEW in a
-- DELETE trigger, so each function names both.
CREATE FUNCTION grid_compounds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM grid_recount(ARRAY[OLD.id, NEW.id]);
    RETURN NULL;
END $$;
CREATE TRIGGER grid_compounds AFTER INSERT OR DELETE OR UPDATE OF community_id ON compounds
FOR EACH ROW EXECUTE FUNCTION grid_compounds();

-- party_org_compounds and buildings: the compound they name.
CREATE FUNCTION grid_named_compound() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM grid_recount(ARRAY[OLD.compound_id, NEW.compound_id]);
    RETURN NULL;
END $$;
CREATE TRIGGER grid_org_links AFTER INSERT OR DELETE OR UPDATE ON party_org_compounds
FOR EACH ROW EXECUTE FUNCTION grid_named_compound();
CREATE TRIGGER grid_buildings AFTER INSERT OR DELETE OR UPDATE OF compound_id ON buildings
FOR EACH ROW EXECUTE FUNCTION grid_named_compound();

CREATE FUNCTION grid_contact_groups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM grid_recount(ARRAY(SELECT compound_id FROM buildings WHERE id IN (OLD.building_id, NEW.building_id)));
    RETURN NULL;
END $$;
CREATE TRIGGER grid_contact_groups AFTER INSERT OR DELETE OR UPDATE OF building_id ON contact_groups
FOR EACH ROW EXECUTE FUNCTION grid_contact_groups();

CREATE FUNCTION grid_group_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM grid_recount(ARRAY(
        SELECT b.compound_id FROM contact_groups g JOIN buildings b ON b.id = g.building_id WHERE g.id IN (OLD.group_id, NEW.group_id)));
    RETURN NULL;
END $$;
CREATE TRIGGER grid_group_members AFTER INSERT OR DELETE OR UPDATE OF group_id ON contact_group_members
FOR EACH ROW EXECUTE FUNCTION grid_group_members();

CREATE FUNCTION grid_orgs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM grid_recount(ARRAY(
        SELECT id FROM compounds WHERE id IN (OLD.compound_id, NEW.compound_id) OR community_id IN (OLD.community_id, NEW.community_id)
        UNION SELECT compound_id FROM party_org_compounds WHERE party_org_id IN (OLD.id, NEW.id)));
    RETURN NULL;
END $$;
CREATE TRIGGER grid_orgs AFTER INSERT OR DELETE OR UPDATE OF kind, community_id, compound_id ON party_orgs
FOR EACH ROW EXECUTE FUNCTION grid_orgs();

INSERT INTO compound_grid (compound_id, community_id, has_own_branch, has_joint_branch, covered, complete_grid)
SELECT compound_id, community_id, has_own_branch, has_joint_branch, covered, complete_grid FROM compound_grid_counted;
