-- Each compound's place in the Party grid as a row kept current by triggers (decision 0126), like the aggregates of
-- 0022: the wall's map, the town figures and the compound list read it on every refresh, and counting it from the
-- view (every building's contact groups, for each compound) was most of the wall's read at city scale. The view stays
-- as the one definition, renamed compound_grid_counted; every trigger re-counts the compounds a write can move from
-- it. AggregateCheck compares the two and repairs a difference.
DROP VIEW compound_grid;

-- covered:  any Party organisation reaches it (own branch, joint branch, or its community's committee).
-- complete: community committee + own or joint branch + every building has a household-contact group with members.
CREATE VIEW compound_grid_counted AS
SELECT
    c.id AS compound_id,
    c.community_id,
    EXISTS (SELECT 1 FROM party_orgs p WHERE p.kind = 'compound_branch' AND p.compound_id = c.id) AS has_own_branch,
    EXISTS (SELECT 1 FROM party_org_compounds pc JOIN party_orgs p ON p.id = pc.party_org_id AND p.kind = 'joint_branch'
            WHERE pc.compound_id = c.id) AS has_joint_branch,
    (EXISTS (SELECT 1 FROM party_org_compounds pc WHERE pc.compound_id = c.id)
     OR EXISTS (SELECT 1 FROM party_orgs p WHERE p.kind = 'community_committee' AND p.community_id = c.community_id)) AS covered,
    (EXISTS (SELECT 1 FROM party_orgs p WHERE p.kind = 'community_committee' AND p.community_id = c.community_id)
     AND EXISTS (SELECT 1 FROM party_org_compounds pc WHERE pc.compound_id = c.id)
     AND EXISTS (SELECT 1 FROM buildings b WHERE b.compound_id = c.id)
     AND NOT EXISTS (
         SELECT 1 FROM buildings b WHERE b.compound_id = c.id AND NOT EXISTS (
             SELECT 1 FROM contact_groups g JOIN contact_group_members m ON m.group_id = g.id WHERE g.building_id = b.id))) AS complete_grid
FROM compounds c;

CREATE TABLE compound_grid (
    compound_id      INTEGER NOT NULL PRIMARY KEY,
    community_id     INTEGER NOT NULL,
    has_own_branch   INTEGER NOT NULL,
    has_joint_branch INTEGER NOT NULL,
    covered          INTEGER NOT NULL,
    complete_grid    INTEGER NOT NULL
);

-- Re-counting compound X: DELETE FROM compound_grid WHERE compound_id IN (X); INSERT … FROM compound_grid_counted
-- WHERE compound_id IN (X). Which compounds a write can move:
-- compounds: itself (its community decides "covered"); party_org_compounds, buildings: the compound they name;
-- contact groups and their members: their building's compound; a Party organisation: its compound, every compound
-- of its community (a committee) and the compounds it is linked to (a joint branch).
CREATE TRIGGER grid_compounds_insert AFTER INSERT ON compounds BEGIN
    INSERT INTO compound_grid SELECT * FROM compound_grid_counted WHERE compound_id = NEW.id;
END;
CREATE TRIGGER grid_compounds_update AFTER UPDATE OF community_id ON compounds BEGIN
    DELETE FROM compound_grid WHERE compound_id IN (OLD.id, NEW.id);
    INSERT INTO compound_grid SELECT * FROM compound_grid_counted WHERE compound_id IN (OLD.id, NEW.id);
END;
CREATE TRIGGER grid_compounds_delete AFTER DELETE ON compounds BEGIN
    DELETE FROM compound_grid WHERE compound_id = OLD.id;
END;

CREATE TRIGGER grid_org_links_insert AFTER INSERT ON party_org_compounds BEGIN
    DELETE FROM compound_grid WHERE compound_id = NEW.compound_id;
    INSERT INTO compound_grid SELECT * FROM compound_grid_counted WHERE compound_id = NEW.compound_id;
END;
CREATE TRIGGER grid_org_links_update AFTER UPDATE ON party_org_compounds BEGIN
    DELETE FROM compound_grid WHERE compound_id IN (OLD.compound_id, NEW.compound_id);
    INSERT INTO compound_grid SELECT * FROM compound_grid_counted WHERE compound_id IN (OLD.compound_id, NEW.compound_id);
END;
CREATE TRIGGER grid_org_links_delete AFTER DELETE ON party_org_compounds BEGIN
    DELETE FROM compound_grid WHERE compound_id = OLD.compound_id;
    INSERT INTO compound_grid SELECT * FROM compound_grid_counted WHERE compound_id = OLD.compound_id;
END;

CREATE TRIGGER grid_buildings_insert AFTER INSERT ON buildings BEGIN
    DELETE FROM compound_grid WHERE compound_id = NEW.compound_id;
    INSERT INTO compound_grid SELECT * FROM compound_grid_counted WHERE compound_id = NEW.compound_id;
END;
CREATE TRIGGER grid_buildings_update AFTER UPDATE OF compound_id ON buildings BEGIN
    DELETE FROM compound_grid WHERE compound_id IN (OLD.compound_id, NEW.compound_id);
    INSERT INTO compound_grid SELECT * FROM compound_grid_counted WHERE compound_id IN (OLD.compound_id, NEW.compound_id);
END;
CREATE TRIGGER grid_buildings_delete AFTER DELETE ON buildings BEGIN
    DELETE FROM compound_grid WHERE compound_id = OLD.compound_id;
    INSERT INTO compound_grid SELECT * FROM compound_grid_counted WHERE compound_id = OLD.compound_id;
END;

CREATE TRIGGER grid_contact_groups_insert AFTER INSERT ON contact_groups BEGIN
    DELETE FROM compound_grid WHERE compound_id IN (SELECT compound_id FROM buildings WHERE id = NEW.building_id);
    INSERT INTO compound_grid SELECT * FROM compound_grid_counted
    WHERE compound_id IN (SELECT compound_id FROM buildings WHERE id = NEW.building_id);
END;
CREATE TRIGGER grid_contact_groups_update AFTER UPDATE OF building_id ON contact_groups BEGIN
    DELETE FROM compound_grid WHERE compound_id IN (SELECT compound_id FROM buildings WHERE id IN (OLD.building_id, NEW.building_id));
    INSERT INTO compound_grid SELECT * FROM compound_grid_counted
    WHERE compound_id IN (SELECT compound_id FROM buildings WHERE id IN (OLD.building_id, NEW.building_id));
END;
CREATE TRIGGER grid_contact_groups_delete AFTER DELETE ON contact_groups BEGIN
    DELETE FROM compound_grid WHERE compound_id IN (SELECT compound_id FROM buildings WHERE id = OLD.building_id);
    INSERT INTO compound_grid SELECT * FROM compound_grid_counted
    WHERE compound_id IN (SELECT compound_id FROM buildings WHERE id = OLD.building_id);
END;

CREATE TRIGGER grid_group_members_insert AFTER INSERT ON contact_group_members BEGIN
    DELETE FROM compound_grid WHERE compound_id IN (
        SELECT b.compound_id FROM contact_groups g JOIN buildings b ON b.id = g.building_id WHERE g.id = NEW.group_id);
    INSERT INTO compound_grid SELECT * FROM compound_grid_counted WHERE compound_id IN (
        SELECT b.compound_id FROM contact_groups g JOIN buildings b ON b.id = g.building_id WHERE g.id = NEW.group_id);
END;
CREATE TRIGGER grid_group_members_update AFTER UPDATE OF group_id ON contact_group_members BEGIN
    DELETE FROM compound_grid WHERE compound_id IN (
        SELECT b.compound_id FROM contact_groups g JOIN buildings b ON b.id = g.building_id WHERE g.id IN (OLD.group_id, NEW.group_id));
    INSERT INTO compound_grid SELECT * FROM compound_grid_counted WHERE compound_id IN (
        SELECT b.compound_id FROM contact_groups g JOIN buildings b ON b.id = g.building_id WHERE g.id IN (OLD.group_id, NEW.group_id));
END;
CREATE TRIGGER grid_group_members_delete AFTER DELETE ON contact_group_members BEGIN
    DELETE FROM compound_grid WHERE compound_id IN (
        SELECT b.compound_id FROM contact_groups g JOIN buildings b ON b.id = g.building_id WHERE g.id = OLD.group_id);
    INSERT INTO compound_grid SELECT * FROM compound_grid_counted WHERE compound_id IN (
        SELECT b.compound_id FROM contact_groups g JOIN buildings b ON b.id = g.building_id WHERE g.id = OLD.group_id);
END;

CREATE TRIGGER grid_orgs_insert AFTER INSERT ON party_orgs BEGIN
    DELETE FROM compound_grid WHERE compound_id IN (SELECT id FROM compounds WHERE id = NEW.compound_id OR community_id = NEW.community_id);
    INSERT INTO compound_grid SELECT * FROM compound_grid_counted
    WHERE compound_id IN (SELECT id FROM compounds WHERE id = NEW.compound_id OR community_id = NEW.community_id);
END;
CREATE TRIGGER grid_orgs_update AFTER UPDATE OF kind, community_id, compound_id ON party_orgs BEGIN
    DELETE FROM compound_grid WHERE compound_id IN (
        SELECT id FROM compounds WHERE id IN (OLD.compound_id, NEW.compound_id) OR community_id IN (OLD.community_id, NEW.community_id)
        UNION SELECT compound_id FROM party_org_compounds WHERE party_org_id = NEW.id);
    INSERT INTO compound_grid SELECT * FROM compound_grid_counted WHERE compound_id IN (
        SELECT id FROM compounds WHERE id IN (OLD.compound_id, NEW.compound_id) OR community_id IN (OLD.community_id, NEW.community_id)
        UNION SELECT compound_id FROM party_org_compounds WHERE party_org_id = NEW.id);
END;
CREATE TRIGGER grid_orgs_delete AFTER DELETE ON party_orgs BEGIN
    DELETE FROM compound_grid WHERE compound_id IN (SELECT id FROM compounds WHERE id = OLD.compound_id OR community_id = OLD.community_id);
    INSERT INTO compound_grid SELECT * FROM compound_grid_counted
    WHERE compound_id IN (SELECT id FROM compounds WHERE id = OLD.compound_id OR community_id = OLD.community_id);
END;

INSERT INTO compound_grid SELECT * FROM compound_grid_counted;
