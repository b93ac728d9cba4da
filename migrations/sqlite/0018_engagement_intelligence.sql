-- Intelligence from engagement (issue 13): an intelligence item no longer has to come from a
-- resident's report. Officers and engagement leads record what they hear at a street briefing,
-- in a KIN answer, a survey's free-text answer, from a partner or at a meeting: its source, the
-- neighbourhood, the day, and (for a survey or KIN answer) the response it came from. An item
-- from a report keeps `source = 'report'` and reads its neighbourhood and day from the report.
-- SQLite cannot drop a NOT NULL, so the table is rebuilt; the two tables that refer to it are
-- rebuilt too (kept aside, then put back), so every foreign key holds at every step.
CREATE TABLE intelligence_items_new (
    id                 INTEGER PRIMARY KEY,
    report_id          INTEGER UNIQUE REFERENCES reports(id),
    csp_id             INTEGER NOT NULL REFERENCES csps(id),
    summary            TEXT NOT NULL,
    source_grade       TEXT NOT NULL CHECK (source_grade IN ('1', '2', '3')),
    intelligence_grade TEXT NOT NULL CHECK (intelligence_grade IN ('A', 'B', 'C', 'D', 'E')),
    handling_code      TEXT NOT NULL CHECK (handling_code IN ('P', 'C')),
    conditions         TEXT,
    tension            TEXT CHECK (tension IN ('evidenced', 'experienced', 'potential')),
    graded_by          INTEGER NOT NULL REFERENCES users(id),
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    source             TEXT NOT NULL DEFAULT 'report' CHECK (source IN ('report', 'street_briefing',
                           'kin_answer', 'survey_answer', 'partner', 'meeting')),
    neighbourhood_id   INTEGER REFERENCES neighbourhoods(id),
    observed_on        INTEGER,
    response_id        INTEGER REFERENCES survey_responses(id),
    question           TEXT,
    CHECK (handling_code = 'P' OR (conditions IS NOT NULL AND length(conditions) > 0)),
    CHECK ((source = 'report' AND report_id IS NOT NULL)
        OR (source <> 'report' AND report_id IS NULL AND neighbourhood_id IS NOT NULL AND observed_on IS NOT NULL))
);
INSERT INTO intelligence_items_new (id, report_id, csp_id, summary, source_grade, intelligence_grade, handling_code,
        conditions, tension, graded_by, created_at, updated_at, source)
    SELECT id, report_id, csp_id, summary, source_grade, intelligence_grade, handling_code, conditions, tension,
        graded_by, created_at, updated_at, 'report' FROM intelligence_items;

CREATE TEMP TABLE intelligence_shares_kept AS SELECT item_id, organisation_id FROM intelligence_shares;
CREATE TEMP TABLE problem_profile_items_kept AS SELECT profile_id, item_id, added_by, added_at FROM problem_profile_items;
DROP TABLE intelligence_shares;
DROP TABLE problem_profile_items;
DROP TABLE intelligence_items;
ALTER TABLE intelligence_items_new RENAME TO intelligence_items;
CREATE INDEX intelligence_csp ON intelligence_items(csp_id, updated_at);
CREATE INDEX intelligence_response ON intelligence_items(response_id);

CREATE TABLE intelligence_shares (
    item_id         INTEGER NOT NULL REFERENCES intelligence_items(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    PRIMARY KEY (item_id, organisation_id)
);
INSERT INTO intelligence_shares (item_id, organisation_id) SELECT item_id, organisation_id FROM intelligence_shares_kept;

CREATE TABLE problem_profile_items (
    profile_id INTEGER NOT NULL REFERENCES problem_profiles(id),
    item_id    INTEGER NOT NULL REFERENCES intelligence_items(id),
    added_by   INTEGER NOT NULL REFERENCES users(id),
    added_at   INTEGER NOT NULL,
    PRIMARY KEY (profile_id, item_id)
);
INSERT INTO problem_profile_items (profile_id, item_id, added_by, added_at)
    SELECT profile_id, item_id, added_by, added_at FROM problem_profile_items_kept;
CREATE INDEX problem_profile_items_item ON problem_profile_items(item_id);

DROP TABLE intelligence_shares_kept;
DROP TABLE problem_profile_items_kept;
