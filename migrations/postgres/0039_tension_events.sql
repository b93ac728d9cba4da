-- Tension monitoring (issue 15, parts 2 and 5): known trigger events with their community
-- impact assessments, the partnership's tension rota, and the alerts sent to it.

-- A known trigger event on a CSP's calendar, with its community impact assessment. `ctlp` = 1:
-- relevant to the Counter-Terrorism Local Profile (its detail shown only to people who may see
-- that profile). Days are stored as the Unix time of the day's start; `version` counts saves.
CREATE TABLE tension_events (
    id             BIGSERIAL PRIMARY KEY,
    csp_id         BIGINT NOT NULL REFERENCES csps(id),
    kind           TEXT NOT NULL CHECK (kind IN ('march', 'anniversary', 'planning', 'court', 'football', 'national', 'other')),
    title          TEXT NOT NULL,
    starts_on      BIGINT NOT NULL,
    ends_on        BIGINT NOT NULL,
    place          TEXT NOT NULL DEFAULT '',
    risks          TEXT NOT NULL DEFAULT '',
    mitigations    TEXT NOT NULL DEFAULT '',
    owner          TEXT NOT NULL DEFAULT '',
    next_review_on BIGINT,
    status         TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'passed', 'cancelled')),
    risk_level     TEXT NOT NULL DEFAULT 'low' CHECK (risk_level IN ('low', 'medium', 'high')),
    ctlp           BIGINT NOT NULL DEFAULT 0 CHECK (ctlp IN (0, 1)),
    version        BIGINT NOT NULL DEFAULT 1,
    created_by     BIGINT NOT NULL REFERENCES users(id),
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX tension_events_csp ON tension_events (csp_id, starts_on);

-- The neighbourhoods an event affects: the CSP's own and its neighbours' (across the border).
-- The CSPs affected are those of these neighbourhoods (and the owning CSP).
CREATE TABLE tension_event_neighbourhoods (
    event_id         BIGINT NOT NULL REFERENCES tension_events(id) ON DELETE CASCADE,
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhoods(id),
    PRIMARY KEY (event_id, neighbourhood_id)
);
CREATE INDEX tension_event_neighbourhoods_n ON tension_event_neighbourhoods (neighbourhood_id, event_id);

-- Each CSP's tension rota: the staff emailed when an alert is raised (in their account's language).
CREATE TABLE tension_rota (
    csp_id   BIGINT NOT NULL REFERENCES csps(id),
    user_id  BIGINT NOT NULL REFERENCES users(id),
    added_by BIGINT NOT NULL REFERENCES users(id),
    added_at BIGINT NOT NULL,
    PRIMARY KEY (csp_id, user_id)
);

-- Alerts sent, by their key ("event:12:3", "level:45:7", "signal:9"): each goes to the rota once.
CREATE TABLE tension_alerts_sent (
    csp_id     BIGINT NOT NULL REFERENCES csps(id),
    alert_key  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    recipients BIGINT NOT NULL,
    sent_at    BIGINT NOT NULL,
    PRIMARY KEY (csp_id, alert_key)
);
