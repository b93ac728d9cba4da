-- The Key Individual Network (KIN): people who live or work in a neighbourhood and answer a
-- quarterly questionnaire. Restricted to engagement leads and managers; every view is audited.
CREATE TABLE kin_members (
    id               INTEGER PRIMARY KEY,
    csp_id           INTEGER NOT NULL REFERENCES csps(id),
    neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhoods(id),
    -- Name and contact details: emptied when the member is removed (see `status`).
    name             TEXT NOT NULL,
    email            TEXT,
    phone            TEXT,
    language         TEXT NOT NULL CHECK (language IN ('en', 'cy')),
    -- Their role in the community, and the groups they can speak for.
    community_role   TEXT NOT NULL DEFAULT '',
    speaks_for       TEXT NOT NULL DEFAULT '',
    -- The day consent to be contacted was given; NULL: no consent, so no contact at all.
    consent_on       INTEGER,
    -- When consent was withdrawn (no more emails from then on; consent_on is emptied).
    consent_withdrawn_at INTEGER,
    -- The day the membership is next reviewed (members past it are flagged).
    review_on        INTEGER NOT NULL,
    -- active; left (kept on the register, not contacted); removed (name and contact emptied,
    -- the row kept so past quarters' response rates and answers stay as they were).
    status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left', 'removed')),
    removed_at       INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX kin_members_csp ON kin_members(csp_id, neighbourhood_id);

-- The key of the keyed hash that stands for a member on a personal link (survey_links
-- .respondent_hash), one per CSP: without it a hash cannot be tied back to a member.
CREATE TABLE kin_keys (
    csp_id     INTEGER PRIMARY KEY REFERENCES csps(id),
    hash_key   TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- The quarterly questionnaire sent to a member: once per member per quarter (the unique
-- constraint), through a personal link, with at most one reminder.
CREATE TABLE kin_questionnaires (
    id               INTEGER PRIMARY KEY,
    member_id        INTEGER NOT NULL REFERENCES kin_members(id),
    csp_id           INTEGER NOT NULL REFERENCES csps(id),
    -- The member's neighbourhood when it was sent (response rates per neighbourhood).
    neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhoods(id),
    campaign_id      INTEGER NOT NULL REFERENCES campaigns(id),
    link_id          INTEGER NOT NULL UNIQUE REFERENCES survey_links(id),
    year             INTEGER NOT NULL,
    quarter          INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    language         TEXT NOT NULL CHECK (language IN ('en', 'cy')),
    sent_by          INTEGER NOT NULL REFERENCES users(id),
    sent_at          INTEGER NOT NULL,
    reminded_at      INTEGER,
    UNIQUE (member_id, year, quarter)
);
CREATE INDEX kin_questionnaires_csp ON kin_questionnaires(csp_id, year, quarter);
CREATE INDEX kin_questionnaires_campaign ON kin_questionnaires(campaign_id, year, quarter);
