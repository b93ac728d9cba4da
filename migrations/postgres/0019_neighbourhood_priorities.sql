-- Neighbourhood priorities, PACT style (issue 13): for a neighbourhood and a quarter the
-- engagement lead sets up to three priorities (a slot 1-3 each, so a fourth can never be
-- stored, even by two people at once), each linked to the CSP's problem profiles and actions.
-- At the next review the community's verdict is recorded with its evidence and day; every
-- review is kept (the latest is the priority's current verdict).
CREATE TABLE neighbourhood_priorities (
    id               BIGSERIAL PRIMARY KEY,
    csp_id           BIGINT NOT NULL REFERENCES csps(id),
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhoods(id),
    year             BIGINT NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    quarter          BIGINT NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    slot             BIGINT NOT NULL CHECK (slot BETWEEN 1 AND 3),
    title_en         TEXT NOT NULL,
    title_cy         TEXT NOT NULL,
    why              TEXT NOT NULL DEFAULT '',
    created_by       BIGINT NOT NULL REFERENCES users(id),
    created_at       BIGINT NOT NULL,
    UNIQUE (neighbourhood_id, year, quarter, slot)
);
CREATE INDEX neighbourhood_priorities_csp ON neighbourhood_priorities(csp_id, year, quarter);

CREATE TABLE neighbourhood_priority_profiles (
    priority_id BIGINT NOT NULL REFERENCES neighbourhood_priorities(id),
    profile_id  BIGINT NOT NULL REFERENCES problem_profiles(id),
    PRIMARY KEY (priority_id, profile_id)
);
CREATE INDEX neighbourhood_priority_profiles_profile ON neighbourhood_priority_profiles(profile_id);

CREATE TABLE neighbourhood_priority_actions (
    priority_id BIGINT NOT NULL REFERENCES neighbourhood_priorities(id),
    action_id   BIGINT NOT NULL REFERENCES problem_actions(id),
    PRIMARY KEY (priority_id, action_id)
);

CREATE TABLE neighbourhood_priority_reviews (
    id          BIGSERIAL PRIMARY KEY,
    priority_id BIGINT NOT NULL REFERENCES neighbourhood_priorities(id),
    verdict     TEXT NOT NULL CHECK (verdict IN ('resolved', 'improving', 'not_resolved')),
    evidence    TEXT NOT NULL,
    reviewed_on BIGINT NOT NULL,
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    recorded_at BIGINT NOT NULL
);
CREATE INDEX neighbourhood_priority_reviews_priority ON neighbourhood_priority_reviews(priority_id, reviewed_on);
