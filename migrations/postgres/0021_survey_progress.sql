-- Responding (issue 13): a resident's answers saved as they go, under a private token (only its
-- hash is stored), kept until the survey closes and then swept; once the response is stored
-- whole the row keeps its answers only until the resident has asked for an emailed copy (an
-- hour at most). The hub's key for keyed hashes (respondent keys, signed device cookies), made
-- once at first use. Each response's answer fingerprint, to flag duplicates across channels.
CREATE TABLE survey_progress (
    token_hash        TEXT PRIMARY KEY,
    campaign_id       BIGINT NOT NULL REFERENCES campaigns(id),
    survey_version_id BIGINT NOT NULL REFERENCES survey_versions(id),
    language          TEXT NOT NULL CHECK (language IN ('en', 'cy')),
    -- The answers so far, as posted fields (JSON).
    fields            TEXT NOT NULL,
    -- The furthest step reached (0 first).
    step              BIGINT NOT NULL,
    -- The personal link it was opened with (one_per_email, one_per_link).
    link_id           BIGINT REFERENCES survey_links(id),
    -- Set once the response is stored (then only the emailed copy may read the answers).
    response_id       BIGINT REFERENCES survey_responses(id),
    keep_until        BIGINT NOT NULL,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX survey_progress_keep_until ON survey_progress(keep_until);

CREATE TABLE engagement_secrets (
    id         BIGINT PRIMARY KEY CHECK (id = 1),
    secret     TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

ALTER TABLE survey_responses ADD COLUMN answers_hash TEXT;
CREATE INDEX survey_responses_answers_hash ON survey_responses(campaign_id, answers_hash);
