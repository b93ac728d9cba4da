-- Tension assessments per neighbourhood (issue 15, part 1).
--
-- A CSP's own names, meanings and police-force mapping of the five tension levels (0 normal to
-- 4 critical); a CSP without rows uses the defaults (`tension::levels::default_levels`).
CREATE TABLE tension_levels (
    csp_id     BIGINT NOT NULL REFERENCES csps(id),
    level      BIGINT NOT NULL CHECK (level BETWEEN 0 AND 4),
    name_en    TEXT NOT NULL,
    name_cy    TEXT NOT NULL,
    meaning_en TEXT NOT NULL,
    meaning_cy TEXT NOT NULL,
    force_en   TEXT NOT NULL DEFAULT '',
    force_cy   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (csp_id, level)
);

-- Each save of a neighbourhood's assessment is a new version, never changed afterwards: the
-- history is the rows themselves. Two saves from the same version cannot both land (unique).
CREATE TABLE tension_assessments (
    id               BIGSERIAL PRIMARY KEY,
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhoods(id),
    csp_id           BIGINT NOT NULL REFERENCES csps(id),
    version          BIGINT NOT NULL,
    level            BIGINT NOT NULL CHECK (level BETWEEN 0 AND 4),
    narrative        TEXT NOT NULL,
    owner            TEXT NOT NULL DEFAULT '',
    review_on        BIGINT NOT NULL,
    recorded_by      BIGINT NOT NULL REFERENCES users(id),
    recorded_at      BIGINT NOT NULL,
    UNIQUE (neighbourhood_id, version)
);
CREATE INDEX tension_assessments_csp ON tension_assessments(csp_id, neighbourhood_id);

-- The indicators of one version (kind, evidenced/experienced/potential, a sanitised note, its
-- source, a 3x5x2 grade, whether media carry it).
CREATE TABLE tension_indicators (
    id                 BIGSERIAL PRIMARY KEY,
    assessment_id      BIGINT NOT NULL REFERENCES tension_assessments(id),
    position           BIGINT NOT NULL,
    kind               TEXT NOT NULL,
    tag                TEXT NOT NULL CHECK (tag IN ('evidenced', 'experienced', 'potential')),
    note               TEXT NOT NULL,
    source             TEXT NOT NULL,
    source_grade       TEXT NOT NULL CHECK (source_grade IN ('1', '2', '3')),
    intelligence_grade TEXT NOT NULL CHECK (intelligence_grade IN ('A', 'B', 'C', 'D', 'E')),
    handling_code      TEXT NOT NULL CHECK (handling_code IN ('P', 'C')),
    conditions         TEXT,
    in_media           BIGINT NOT NULL DEFAULT 0,
    CHECK (handling_code = 'P' OR (conditions IS NOT NULL AND length(conditions) > 0))
);
CREATE INDEX tension_indicators_assessment ON tension_indicators(assessment_id);

-- Intelligence items (of the same CSP) an indicator rests on.
CREATE TABLE tension_indicator_items (
    indicator_id BIGINT NOT NULL REFERENCES tension_indicators(id),
    item_id      BIGINT NOT NULL REFERENCES intelligence_items(id),
    PRIMARY KEY (indicator_id, item_id)
);

-- De-escalation actions per neighbourhood, each with its own version (stale updates refused).
CREATE TABLE tension_actions (
    id               BIGSERIAL PRIMARY KEY,
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhoods(id),
    csp_id           BIGINT NOT NULL REFERENCES csps(id),
    title            TEXT NOT NULL,
    kind             TEXT NOT NULL,
    owner            TEXT NOT NULL DEFAULT '',
    due_on           BIGINT,
    status           TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
    outcome          TEXT NOT NULL DEFAULT '',
    version          BIGINT NOT NULL DEFAULT 1,
    created_by       BIGINT NOT NULL REFERENCES users(id),
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX tension_actions_neighbourhood ON tension_actions(neighbourhood_id);
CREATE INDEX tension_actions_csp ON tension_actions(csp_id, status, due_on);
