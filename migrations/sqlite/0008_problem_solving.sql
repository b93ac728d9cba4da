-- Problem solving the NIM way. A problem profile belongs to a CSP, is scoped by neighbourhoods,
-- report categories and a period, links intelligence items, and is worked through the SARA
-- stages with partner actions. Every change is kept in its history (who, when, what).
CREATE TABLE problem_profile_sequences (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE problem_profiles (
    id                  INTEGER PRIMARY KEY,
    reference           TEXT NOT NULL UNIQUE,
    csp_id              INTEGER NOT NULL REFERENCES csps(id),
    title               TEXT NOT NULL,
    stage               TEXT NOT NULL DEFAULT 'scanning'
        CHECK (stage IN ('scanning', 'analysis', 'response', 'assessment', 'closed')),
    priority            TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('high', 'medium', 'low')),
    -- Terms of reference.
    requester           TEXT NOT NULL DEFAULT '',
    aim                 TEXT NOT NULL DEFAULT '',
    period_from         INTEGER NOT NULL,
    period_to           INTEGER NOT NULL,
    -- Scanning.
    statement           TEXT NOT NULL DEFAULT '',
    affected            TEXT NOT NULL DEFAULT '',
    -- Analysis: the problem analysis triangle, the hypothesis and the gaps.
    offender            TEXT NOT NULL DEFAULT '',
    victim              TEXT NOT NULL DEFAULT '',
    place               TEXT NOT NULL DEFAULT '',
    handler             TEXT NOT NULL DEFAULT '',
    guardian            TEXT NOT NULL DEFAULT '',
    manager             TEXT NOT NULL DEFAULT '',
    hypothesis          TEXT NOT NULL DEFAULT '',
    gaps                TEXT NOT NULL DEFAULT '',
    -- Response and assessment.
    response_started_at INTEGER,
    window_days         INTEGER NOT NULL DEFAULT 90,
    process_review      TEXT NOT NULL DEFAULT '',
    decision            TEXT CHECK (decision IN ('close', 'continue', 'revise', 'analysis')),
    decision_notes      TEXT NOT NULL DEFAULT '',
    -- What residents are told when it closes, in both languages (no personal data).
    outcome_en          TEXT NOT NULL DEFAULT '',
    outcome_cy          TEXT NOT NULL DEFAULT '',
    created_by          INTEGER NOT NULL REFERENCES users(id),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    closed_at           INTEGER,
    version             INTEGER NOT NULL DEFAULT 0,
    CHECK (period_from < period_to)
);
CREATE INDEX problem_profiles_csp ON problem_profiles(csp_id, stage, priority);

CREATE TABLE problem_profile_neighbourhoods (
    profile_id       INTEGER NOT NULL REFERENCES problem_profiles(id),
    neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhoods(id),
    PRIMARY KEY (profile_id, neighbourhood_id)
);
CREATE TABLE problem_profile_categories (
    profile_id  INTEGER NOT NULL REFERENCES problem_profiles(id),
    category_id INTEGER NOT NULL REFERENCES report_categories(id),
    PRIMARY KEY (profile_id, category_id)
);
CREATE TABLE problem_profile_items (
    profile_id INTEGER NOT NULL REFERENCES problem_profiles(id),
    item_id    INTEGER NOT NULL REFERENCES intelligence_items(id),
    added_by   INTEGER NOT NULL REFERENCES users(id),
    added_at   INTEGER NOT NULL,
    PRIMARY KEY (profile_id, item_id)
);
CREATE INDEX problem_profile_items_item ON problem_profile_items(item_id);
-- Partner organisations a profile is shared with (they see it, read only, sanitised).
CREATE TABLE problem_profile_shares (
    profile_id      INTEGER NOT NULL REFERENCES problem_profiles(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    PRIMARY KEY (profile_id, organisation_id)
);

CREATE TABLE problem_actions (
    id              INTEGER PRIMARY KEY,
    profile_id      INTEGER NOT NULL REFERENCES problem_profiles(id),
    title           TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisations(id),
    owner           TEXT NOT NULL DEFAULT '',
    due_on          INTEGER,
    status          TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
    notes           TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    done_at         INTEGER
);
CREATE INDEX problem_actions_profile ON problem_actions(profile_id);
CREATE INDEX problem_actions_due ON problem_actions(status, due_on);

-- Each change: the profile's version after it, who, when, which part and what it now says.
CREATE TABLE problem_profile_history (
    id         INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES problem_profiles(id),
    version    INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    change     TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX problem_profile_history_profile ON problem_profile_history(profile_id, version);

-- Residents told that a profile their report was part of has closed: once each.
CREATE TABLE problem_profile_notices (
    profile_id INTEGER NOT NULL REFERENCES problem_profiles(id),
    report_id  INTEGER NOT NULL REFERENCES reports(id),
    at         INTEGER NOT NULL,
    PRIMARY KEY (profile_id, report_id)
);

-- The control strategy: the CSP's priorities under prevention, intelligence, enforcement and
-- reassurance, each served by problem profiles.
CREATE TABLE control_priorities (
    id          INTEGER PRIMARY KEY,
    csp_id      INTEGER NOT NULL REFERENCES csps(id),
    strand      TEXT NOT NULL CHECK (strand IN ('prevention', 'intelligence', 'enforcement', 'reassurance')),
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE INDEX control_priorities_csp ON control_priorities(csp_id, strand);
CREATE TABLE control_priority_profiles (
    priority_id INTEGER NOT NULL REFERENCES control_priorities(id),
    profile_id  INTEGER NOT NULL REFERENCES problem_profiles(id),
    PRIMARY KEY (priority_id, profile_id)
);

-- Tasking and coordinating meetings: the agenda is assembled from the data; what is stored is
-- the record of the meeting.
CREATE TABLE tasking_meetings (
    id         INTEGER PRIMARY KEY,
    csp_id     INTEGER NOT NULL REFERENCES csps(id),
    held_on    INTEGER NOT NULL,
    attendees  TEXT NOT NULL DEFAULT '',
    decisions  TEXT NOT NULL DEFAULT '',
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (csp_id, held_on)
);
ALTER TABLE csp_settings ADD COLUMN tasking_interval_days INTEGER NOT NULL DEFAULT 14;

-- The quarterly strategic assessment: drafted by the hub, edited and published by an analyst.
-- Published versions are kept and never changed.
CREATE TABLE strategic_assessments (
    id              INTEGER PRIMARY KEY,
    csp_id          INTEGER NOT NULL REFERENCES csps(id),
    year            INTEGER NOT NULL,
    quarter         INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    version         INTEGER NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    summary         TEXT NOT NULL DEFAULT '',
    top_problems    TEXT NOT NULL DEFAULT '',
    emerging        TEXT NOT NULL DEFAULT '',
    outcomes        TEXT NOT NULL DEFAULT '',
    gaps            TEXT NOT NULL DEFAULT '',
    recommendations TEXT NOT NULL DEFAULT '',
    figures         TEXT NOT NULL DEFAULT '',
    created_by      INTEGER NOT NULL REFERENCES users(id),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    published_by    INTEGER REFERENCES users(id),
    published_at    INTEGER,
    UNIQUE (csp_id, year, quarter, version)
);
