-- Neighbourhood priorities, PACT style (issue 13): for a neighbourhood and a quarter the
-- engagement lead sets up to three priorities (a slot 1-3 each, so a fourth can never be
-- stored, even by two people at once), each linked to the CSP's problem profiles and actions.
-- At the next review the community's verdict is recorded with its evidence and day; every
-- review is kept (the latest is the priority's current verdict).
CREATE TABLE neighbourhood_priorities (
    id               INTEGER PRIMARY KEY,
    csp_id           INTEGER NOT NULL REFERENCES csps(id),
    neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhoods(id),
    year             INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    quarter          INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    slot             INTEGER NOT NULL CHECK (slot BETWEEN 1 AND 3),
    title_en         TEXT NOT NULL,
    title_cy         TEXT NOT NULL,
    why              TEXT NOT NULL DEFAULT '',
    created_by       INTEGER NOT NULL REFERENCES users(id),
    created_at       INTEGER NOT NULL,
    UNIQUE (neighbourhood_id, year, quarter, slot)
);
CREATE INDEX neighbourhood_priorities_csp ON neighbourhood_priorities(csp_id, year, quarter);

CREATE TABLE neighbourhood_priority_profiles (
    priority_id INTEGER NOT NULL REFERENCES neighbourhood_priorities(id),
    profile_id  INTEGER NOT NULL REFERENCES problem_profiles(id),
    PRIMARY KEY (priority_id, profile_id)
);
CREATE INDEX neighbourhood_priority_profiles_profile ON neighbourhood_priority_profiles(profile_id);

CREATE TABLE neighbourhood_priority_actions (
    priority_id INTEGER NOT NULL REFERENCES neighbourhood_priorities(id),
    action_id   INTEGER NOT NULL REFERENCES problem_actions(id),
    PRIMARY KEY (priority_id, action_id)
);

CREATE TABLE neighbourhood_priority_reviews (
    id          INTEGER PRIMARY KEY,
    priority_id INTEGER NOT NULL REFERENCES neighbourhood_priorities(id),
    verdict     TEXT NOT NULL CHECK (verdict IN ('resolved', 'improving', 'not_resolved')),
    evidence    TEXT NOT NULL,
    reviewed_on INTEGER NOT NULL,
    recorded_by INTEGER NOT NULL REFERENCES users(id),
    recorded_at INTEGER NOT NULL
);
CREATE INDEX neighbourhood_priority_reviews_priority ON neighbourhood_priority_reviews(priority_id, reviewed_on);
