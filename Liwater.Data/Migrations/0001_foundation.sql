-- Liwater foundation schema.
-- Times are UTC unix milliseconds (INTEGER, columns ending in _at); calendar dates that a person chose
-- (an activity day, a meeting day) are local dates as ISO text 'YYYY-MM-DD' (columns ending in _on).
-- is_assumption marks rows whose existence or values the source does not give (see README, "Assumptions").

CREATE TABLE communities (
    id              INTEGER PRIMARY KEY,
    code            TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    name_en         TEXT    NOT NULL,
    sort_order      INTEGER NOT NULL,
    is_assumption   INTEGER NOT NULL DEFAULT 0,
    assumption_note TEXT
);

CREATE TABLE compounds (
    id              INTEGER PRIMARY KEY,
    community_id    INTEGER NOT NULL REFERENCES communities(id),
    name            TEXT    NOT NULL UNIQUE,
    -- Optional map position (WGS84) supplied by the town; NULL means "not known" and the map draws a schematic.
    latitude        REAL,
    longitude       REAL,
    is_assumption   INTEGER NOT NULL DEFAULT 0,
    assumption_note TEXT
);
CREATE INDEX ix_compounds_community ON compounds(community_id);

CREATE TABLE buildings (
    id          INTEGER PRIMARY KEY,
    compound_id INTEGER NOT NULL REFERENCES compounds(id),
    name        TEXT    NOT NULL,
    UNIQUE (compound_id, name)
);

CREATE TABLE households (
    id          INTEGER PRIMARY KEY,
    building_id INTEGER NOT NULL REFERENCES buildings(id),
    unit_no     TEXT    NOT NULL,
    residents   INTEGER NOT NULL CHECK (residents >= 0),
    UNIQUE (building_id, unit_no)
);

-- Party organisations: a community committee (社区党委), a compound branch (小区党支部) of exactly one compound,
-- or a joint branch (联建党支部) covering several compounds (listed in party_org_compounds).
CREATE TABLE party_orgs (
    id             INTEGER PRIMARY KEY,
    kind           TEXT    NOT NULL CHECK (kind IN ('community_committee', 'compound_branch', 'joint_branch')),
    name           TEXT    NOT NULL,
    community_id   INTEGER NOT NULL REFERENCES communities(id),
    compound_id    INTEGER REFERENCES compounds(id),
    established_on TEXT,
    CHECK ((kind = 'compound_branch') = (compound_id IS NOT NULL))
);
CREATE INDEX ix_party_orgs_compound ON party_orgs(compound_id);
CREATE UNIQUE INDEX ux_party_orgs_one_branch ON party_orgs(compound_id) WHERE kind = 'compound_branch';

CREATE TABLE party_org_compounds (
    party_org_id INTEGER NOT NULL REFERENCES party_orgs(id),
    compound_id  INTEGER NOT NULL REFERENCES compounds(id),
    PRIMARY KEY (party_org_id, compound_id)
);
CREATE INDEX ix_party_org_compounds_compound ON party_org_compounds(compound_id);

-- Household-contact Party groups (户联系党小组), one per building, under the branch that covers the compound.
CREATE TABLE contact_groups (
    id           INTEGER PRIMARY KEY,
    party_org_id INTEGER NOT NULL REFERENCES party_orgs(id),
    building_id  INTEGER NOT NULL UNIQUE REFERENCES buildings(id),
    name         TEXT    NOT NULL,
    formed_on    TEXT
);

CREATE TABLE contact_group_members (
    id       INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES contact_groups(id),
    name     TEXT    NOT NULL,
    role     TEXT    NOT NULL CHECK (role IN ('building_leader', 'volunteer', 'in_service_member', 'property_staff'))
);
CREATE INDEX ix_contact_group_members_group ON contact_group_members(group_id);

CREATE TABLE household_contacts (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    group_id     INTEGER NOT NULL REFERENCES contact_groups(id),
    contacted_on TEXT    NOT NULL,
    note         TEXT
);
CREATE INDEX ix_household_contacts_household ON household_contacts(household_id);

CREATE TABLE service_stations (
    id          INTEGER PRIMARY KEY,
    compound_id INTEGER NOT NULL REFERENCES compounds(id),
    name        TEXT    NOT NULL,
    opened_on   TEXT
);

CREATE TABLE volunteer_teams (
    id          INTEGER PRIMARY KEY,
    compound_id INTEGER NOT NULL REFERENCES compounds(id),
    kind        TEXT    NOT NULL CHECK (kind IN ('party_mass_service', 'building', 'building_deliberation')),
    name        TEXT    NOT NULL,
    formed_on   TEXT
);
CREATE INDEX ix_volunteer_teams_compound ON volunteer_teams(compound_id);

CREATE TABLE volunteers (
    id              INTEGER PRIMARY KEY,
    team_id         INTEGER NOT NULL REFERENCES volunteer_teams(id),
    name            TEXT    NOT NULL,
    is_party_member INTEGER NOT NULL DEFAULT 0,
    joined_on       TEXT
);
CREATE INDEX ix_volunteers_team ON volunteers(team_id);

-- hours is the length of the activity; volunteer hours are hours × people.
CREATE TABLE volunteer_activities (
    id          INTEGER PRIMARY KEY,
    team_id     INTEGER REFERENCES volunteer_teams(id),
    compound_id INTEGER NOT NULL REFERENCES compounds(id),
    occurred_on TEXT    NOT NULL,
    hours       REAL    NOT NULL CHECK (hours > 0 AND hours <= 24),
    people      INTEGER NOT NULL CHECK (people > 0),
    kind        TEXT    NOT NULL CHECK (kind IN ('service', 'patrol', 'cleanup', 'practical_thing', 'deliberation', 'other')),
    title       TEXT    NOT NULL,
    import_key  TEXT    UNIQUE,
    created_at  INTEGER NOT NULL
);
CREATE INDEX ix_volunteer_activities_day ON volunteer_activities(occurred_on, compound_id);
CREATE INDEX ix_volunteer_activities_compound ON volunteer_activities(compound_id, occurred_on);

-- Roundtable deliberation councils (融和圆桌议事会) and their five steps (造氛围 → 建队伍 → 搭平台 → 立规则 → 抓落实).
CREATE TABLE councils (
    id          INTEGER PRIMARY KEY,
    compound_id INTEGER NOT NULL UNIQUE REFERENCES compounds(id),
    name        TEXT    NOT NULL,
    founded_on  TEXT
);

CREATE TABLE council_steps (
    council_id   INTEGER NOT NULL REFERENCES councils(id),
    step         INTEGER NOT NULL CHECK (step BETWEEN 1 AND 5),
    completed_on TEXT    NOT NULL,
    note         TEXT,
    PRIMARY KEY (council_id, step)
);

CREATE TABLE council_representatives (
    id          INTEGER PRIMARY KEY,
    council_id  INTEGER NOT NULL REFERENCES councils(id),
    name        TEXT    NOT NULL,
    building_id INTEGER REFERENCES buildings(id),
    is_active   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_council_representatives_council ON council_representatives(council_id);

CREATE TABLE council_meetings (
    id         INTEGER PRIMARY KEY,
    council_id INTEGER NOT NULL REFERENCES councils(id),
    held_on    TEXT    NOT NULL,
    title      TEXT    NOT NULL
);

CREATE TABLE motions (
    id                 INTEGER PRIMARY KEY,
    council_meeting_id INTEGER NOT NULL REFERENCES council_meetings(id),
    title              TEXT    NOT NULL,
    description        TEXT,
    case_id            INTEGER REFERENCES cases(id),
    status             TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    result             TEXT CHECK (result IN ('passed', 'rejected', 'no_quorum')),
    closed_at          INTEGER,
    version            INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE votes (
    motion_id         INTEGER NOT NULL REFERENCES motions(id),
    representative_id INTEGER NOT NULL REFERENCES council_representatives(id),
    choice            TEXT    NOT NULL CHECK (choice IN ('for', 'against', 'abstain')),
    cast_at           INTEGER NOT NULL,
    PRIMARY KEY (motion_id, representative_id)
);

-- Property-company assessment (红黑榜).
CREATE TABLE property_companies (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE assessment_units (
    id            INTEGER PRIMARY KEY,
    compound_id   INTEGER NOT NULL REFERENCES compounds(id),
    company_id    INTEGER NOT NULL REFERENCES property_companies(id),
    published_seq INTEGER,
    UNIQUE (compound_id, company_id)
);

-- quarter 1-4 for a quarterly assessment, 0 for the year-end assessment.
CREATE TABLE assessment_scores (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES assessment_units(id),
    year          INTEGER NOT NULL,
    quarter       INTEGER NOT NULL CHECK (quarter BETWEEN 0 AND 4),
    total         REAL    NOT NULL CHECK (total >= 0 AND total <= 100),
    assessor      TEXT    NOT NULL,
    comments      TEXT,
    recorded_at   INTEGER NOT NULL,
    is_assumption INTEGER NOT NULL DEFAULT 0,
    UNIQUE (unit_id, year, quarter)
);

CREATE TABLE assessment_score_items (
    score_id  INTEGER NOT NULL REFERENCES assessment_scores(id),
    item_code TEXT    NOT NULL,
    score     REAL    NOT NULL,
    PRIMARY KEY (score_id, item_code)
);

-- A published ranking; recomputing a period replaces its rows.
CREATE TABLE rating_results (
    year        INTEGER NOT NULL,
    quarter     INTEGER NOT NULL,
    unit_id     INTEGER NOT NULL REFERENCES assessment_units(id),
    rank        INTEGER NOT NULL,
    score       REAL    NOT NULL,
    stars       INTEGER NOT NULL,
    list        TEXT CHECK (list IN ('red', 'black')),
    computed_at INTEGER NOT NULL,
    PRIMARY KEY (year, quarter, unit_id)
);

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    username            TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    display_name        TEXT    NOT NULL,
    password_hash       TEXT    NOT NULL,
    role                TEXT    NOT NULL CHECK (role IN ('town_office', 'community_staff', 'chair', 'assessor', 'viewer')),
    community_id        INTEGER REFERENCES communities(id),
    is_active           INTEGER NOT NULL DEFAULT 1,
    failed_logins       INTEGER NOT NULL DEFAULT 0,
    locked_until        INTEGER,
    created_at          INTEGER NOT NULL,
    version             INTEGER NOT NULL DEFAULT 1,
    CHECK ((role = 'community_staff') = (community_id IS NOT NULL))
);

-- Resident cases (three-level path: compound → community → town joint meeting).
CREATE TABLE cases (
    id                   INTEGER PRIMARY KEY,
    code                 TEXT    NOT NULL UNIQUE,
    community_id         INTEGER NOT NULL REFERENCES communities(id),
    compound_id          INTEGER NOT NULL REFERENCES compounds(id),
    building_id          INTEGER REFERENCES buildings(id),
    category             TEXT    NOT NULL,
    title                TEXT    NOT NULL,
    description          TEXT    NOT NULL,
    source_channel       TEXT    NOT NULL,
    reporter_name        TEXT,
    reporter_phone       TEXT,
    level                TEXT    NOT NULL CHECK (level IN ('compound', 'community', 'town')),
    status               TEXT    NOT NULL CHECK (status IN ('open', 'in_progress', 'resolved', 'closed', 'cancelled')),
    assigned_unit_kind   TEXT,
    assigned_unit_name   TEXT,
    paired_unit          TEXT,
    consultation_rounds  INTEGER NOT NULL DEFAULT 0,
    opened_at            INTEGER NOT NULL,
    level_entered_at     INTEGER NOT NULL,
    replied_at           INTEGER,
    action_at            INTEGER,
    result_at            INTEGER,
    resolved_at          INTEGER,
    closed_at            INTEGER,
    due_at               INTEGER,
    updated_at           INTEGER NOT NULL,
    version              INTEGER NOT NULL DEFAULT 1,
    is_assumption        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_cases_open ON cases(status, level, community_id);
CREATE INDEX ix_cases_compound ON cases(compound_id, status);
CREATE INDEX ix_cases_resolved ON cases(resolved_at);
CREATE INDEX ix_cases_due ON cases(due_at) WHERE status IN ('open', 'in_progress');

CREATE TABLE case_events (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    kind       TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    user_id    INTEGER REFERENCES users(id),
    actor      TEXT    NOT NULL,
    body       TEXT,
    from_level TEXT,
    to_level   TEXT,
    data       TEXT
);
CREATE INDEX ix_case_events_case ON case_events(case_id, id);

-- A deadline mark passed without the matching step; recorded once per case, mark and level.
CREATE TABLE case_breaches (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    mark        TEXT    NOT NULL,
    level       TEXT    NOT NULL,
    due_at      INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (case_id, mark, level)
);
CREATE INDEX ix_case_breaches_recorded ON case_breaches(recorded_at);

-- Town joint meetings (联席会议).
CREATE TABLE meetings (
    id         INTEGER PRIMARY KEY,
    held_on    TEXT    NOT NULL,
    chair      TEXT    NOT NULL,
    attendees  TEXT    NOT NULL,
    status     TEXT    NOT NULL DEFAULT 'in_session' CHECK (status IN ('in_session', 'closed')),
    opened_at  INTEGER NOT NULL,
    closed_at  INTEGER,
    version    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE meeting_items (
    id            INTEGER PRIMARY KEY,
    meeting_id    INTEGER NOT NULL REFERENCES meetings(id),
    case_id       INTEGER REFERENCES cases(id),
    title         TEXT    NOT NULL,
    sort_order    INTEGER NOT NULL,
    decision_kind TEXT CHECK (decision_kind IN ('assign', 'return', 'resolve', 'note')),
    decision_text TEXT,
    assignee      TEXT,
    due_on        TEXT,
    decided_at    INTEGER,
    UNIQUE (meeting_id, case_id)
);

-- Statistics series behind the trends (written by the statistics job).
CREATE TABLE statistics_snapshots (
    id         INTEGER PRIMARY KEY,
    taken_at   INTEGER NOT NULL,
    scope      TEXT    NOT NULL CHECK (scope IN ('town', 'community', 'compound')),
    scope_id   INTEGER NOT NULL,
    open_cases INTEGER NOT NULL,
    breached   INTEGER NOT NULL,
    resolved_today INTEGER NOT NULL,
    volunteer_hours_today REAL NOT NULL,
    volunteer_hours_month REAL NOT NULL,
    figures    TEXT    NOT NULL
);
CREATE INDEX ix_statistics_snapshots_scope ON statistics_snapshots(scope, scope_id, taken_at);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    user_id   INTEGER,
    username  TEXT,
    action    TEXT    NOT NULL,
    entity    TEXT    NOT NULL,
    entity_id INTEGER,
    outcome   TEXT    NOT NULL CHECK (outcome IN ('ok', 'refused')),
    before    TEXT,
    after     TEXT
);
CREATE INDEX ix_audit_log_entity ON audit_log(entity, entity_id);

-- Every write appends here in its own transaction; the live feed reads it by id, so nothing is missed or invented.
CREATE TABLE change_log (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    at           INTEGER NOT NULL,
    kind         TEXT    NOT NULL,
    entity       TEXT    NOT NULL,
    entity_id    INTEGER,
    community_id INTEGER,
    summary      TEXT
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- How each compound stands in the three-level Party grid; every grid figure is counted from this view.
-- covered:  any Party organisation reaches it (own branch, joint branch, or its community's committee).
-- complete: community committee + own or joint branch + every building has a household-contact group with members.
CREATE VIEW compound_grid AS
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
