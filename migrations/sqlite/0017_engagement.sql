-- Engagement: campaigns per neighbourhood, their surveys (questions fixed once published: a
-- change makes a new version), residents' responses with the answers of the version they saw,
-- equality monitoring kept apart from the answers, census population for the reach view, and
-- the codebook analysts use to code free-text answers.
CREATE TABLE campaigns (
    id              INTEGER PRIMARY KEY,
    csp_id          INTEGER NOT NULL REFERENCES csps(id),
    -- The address residents answer at: /have-your-say/{slug}.
    slug            TEXT NOT NULL UNIQUE,
    title_en        TEXT NOT NULL,
    title_cy        TEXT NOT NULL,
    purpose_en      TEXT NOT NULL DEFAULT '',
    purpose_cy      TEXT NOT NULL DEFAULT '',
    -- 1: every neighbourhood of the CSP (campaign_neighbourhoods is then empty).
    whole_csp       INTEGER NOT NULL DEFAULT 0 CHECK (whole_csp IN (0, 1)),
    starts_on       INTEGER NOT NULL,
    ends_on         INTEGER NOT NULL,
    owner_user_id   INTEGER NOT NULL REFERENCES users(id),
    status          TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'open', 'closed', 'reported')),
    -- How one response per person is kept (see engagement::ResponsePolicy).
    response_policy TEXT NOT NULL DEFAULT 'one_per_device'
        CHECK (response_policy IN ('open', 'one_per_device', 'one_per_email', 'one_per_link')),
    -- When residents are told results will be published, and whether they are (partners see
    -- only published results).
    results_due_on  INTEGER,
    results_published_at INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 0,
    CHECK (starts_on <= ends_on)
);
CREATE INDEX campaigns_csp ON campaigns(csp_id, starts_on);

CREATE TABLE campaign_neighbourhoods (
    campaign_id      INTEGER NOT NULL REFERENCES campaigns(id),
    neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhoods(id),
    PRIMARY KEY (campaign_id, neighbourhood_id)
);
CREATE INDEX campaign_neighbourhoods_neighbourhood ON campaign_neighbourhoods(neighbourhood_id);

CREATE TABLE campaign_channels (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    channel     TEXT NOT NULL CHECK (channel IN ('online_survey', 'street_briefing', 'have_a_say_day',
                    'door_to_door', 'public_meeting', 'kin_questionnaire')),
    PRIMARY KEY (campaign_id, channel)
);

-- A campaign's survey. `draft` is the questions being edited (JSON, engagement::survey::Survey);
-- publishing copies it into a new survey_versions row, which never changes.
CREATE TABLE surveys (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL UNIQUE REFERENCES campaigns(id),
    kind        TEXT NOT NULL DEFAULT 'custom' CHECK (kind IN ('custom', 'priorities_poll')),
    opens_at    INTEGER,
    closes_at   INTEGER,
    draft       TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    version     INTEGER NOT NULL DEFAULT 0,
    CHECK (opens_at IS NULL OR closes_at IS NULL OR opens_at < closes_at)
);

CREATE TABLE survey_versions (
    id           INTEGER PRIMARY KEY,
    survey_id    INTEGER NOT NULL REFERENCES surveys(id),
    number       INTEGER NOT NULL,
    questions    TEXT NOT NULL,
    published_by INTEGER NOT NULL REFERENCES users(id),
    published_at INTEGER NOT NULL,
    UNIQUE (survey_id, number)
);

-- Personal links: a KIN member's questionnaire, or a verified email's link (one_per_email).
-- Only the token's hash is stored. `respondent_hash` identifies the person for one response
-- each (a hash of the email, or of the KIN member), never the address itself.
CREATE TABLE survey_links (
    id              INTEGER PRIMARY KEY,
    campaign_id     INTEGER NOT NULL REFERENCES campaigns(id),
    token_hash      TEXT NOT NULL UNIQUE,
    respondent_hash TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    used_at         INTEGER,
    UNIQUE (campaign_id, respondent_hash)
);

-- One response: stored whole (with its answers and equality monitoring) in one transaction.
CREATE TABLE survey_responses (
    id                INTEGER PRIMARY KEY,
    campaign_id       INTEGER NOT NULL REFERENCES campaigns(id),
    survey_version_id INTEGER NOT NULL REFERENCES survey_versions(id),
    csp_id            INTEGER NOT NULL REFERENCES csps(id),
    -- The neighbourhood the respondent answered for (from a place question or the staff form).
    neighbourhood_id  INTEGER REFERENCES neighbourhoods(id),
    channel           TEXT NOT NULL CHECK (channel IN ('online', 'street_briefing', 'have_a_say_day',
                          'door_to_door', 'public_meeting', 'kin', 'paper')),
    language          TEXT NOT NULL CHECK (language IN ('en', 'cy')),
    -- Staff who keyed it in (face to face, paper); none for a resident's own.
    entered_by        INTEGER REFERENCES users(id),
    -- A keyed hash of what makes one person one response (device, email, link); none for open.
    respondent_key    TEXT,
    -- Flagged as a possible duplicate of an earlier response (never silently dropped).
    duplicate_of      INTEGER REFERENCES survey_responses(id),
    submitted_at      INTEGER NOT NULL
);
CREATE INDEX survey_responses_campaign ON survey_responses(campaign_id, neighbourhood_id);
CREATE INDEX survey_responses_key ON survey_responses(campaign_id, respondent_key);

-- Answers: one row per chosen option (single, multiple, ranking with its rank), per rating
-- (number), per free text (text), per place (neighbourhood).
CREATE TABLE survey_answers (
    response_id      INTEGER NOT NULL REFERENCES survey_responses(id),
    campaign_id      INTEGER NOT NULL REFERENCES campaigns(id),
    question         TEXT NOT NULL,
    choice           TEXT,
    number           INTEGER,
    text             TEXT,
    neighbourhood_id INTEGER REFERENCES neighbourhoods(id)
);
CREATE INDEX survey_answers_response ON survey_answers(response_id);
CREATE INDEX survey_answers_campaign ON survey_answers(campaign_id, question, choice);

-- Equality monitoring, as given when answering (never re-derived), apart from the answers.
-- NULL: not asked or skipped; 'prefer_not_to_say' is stored as given.
CREATE TABLE survey_equality (
    response_id        INTEGER PRIMARY KEY REFERENCES survey_responses(id),
    age_band           TEXT,
    sex                TEXT,
    gender_identity    TEXT,
    ethnic_group       TEXT,
    religion           TEXT,
    disability         TEXT,
    sexual_orientation TEXT,
    welsh_language     TEXT,
    postcode_district  TEXT
);

-- Census 2021 population (ONS tables as published): area (ward or local authority code),
-- topic (age_band, sex, ethnic_group, welsh_language...), category, count.
CREATE TABLE population (
    area_code TEXT NOT NULL,
    topic     TEXT NOT NULL,
    category  TEXT NOT NULL,
    count     INTEGER NOT NULL CHECK (count >= 0),
    source    TEXT NOT NULL,
    imported_at INTEGER NOT NULL,
    PRIMARY KEY (area_code, topic, category)
);

-- Coding free text: a survey's codebook of themes, each answer's themes, staff-only notes.
CREATE TABLE survey_themes (
    id         INTEGER PRIMARY KEY,
    survey_id  INTEGER NOT NULL REFERENCES surveys(id),
    question   TEXT NOT NULL,
    name       TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    UNIQUE (survey_id, question, name)
);
CREATE TABLE survey_answer_themes (
    response_id INTEGER NOT NULL REFERENCES survey_responses(id),
    question    TEXT NOT NULL,
    theme_id    INTEGER NOT NULL REFERENCES survey_themes(id),
    coded_by    INTEGER NOT NULL REFERENCES users(id),
    coded_at    INTEGER NOT NULL,
    PRIMARY KEY (response_id, question, theme_id)
);
CREATE INDEX survey_answer_themes_theme ON survey_answer_themes(theme_id);
CREATE TABLE survey_answer_notes (
    response_id INTEGER NOT NULL REFERENCES survey_responses(id),
    question    TEXT NOT NULL,
    note        TEXT NOT NULL,
    written_by  INTEGER NOT NULL REFERENCES users(id),
    written_at  INTEGER NOT NULL,
    PRIMARY KEY (response_id, question)
);

-- Per-CSP small-number threshold (counts under it are shown as "fewer than N").
ALTER TABLE csp_settings ADD COLUMN suppression_threshold INTEGER NOT NULL DEFAULT 10
    CHECK (suppression_threshold BETWEEN 1 AND 100);
