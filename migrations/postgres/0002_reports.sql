-- Resident reports: categories per CSP, the report (routed to a ward, neighbourhood and CSP),
-- the reporter kept apart from it, the public status timeline, drafts kept while a resident
-- corrects a form, and the yearly reference sequence.

CREATE TABLE report_categories (
    id        BIGSERIAL PRIMARY KEY,
    csp_id    BIGINT NOT NULL REFERENCES csps(id),
    code      TEXT NOT NULL,
    family    TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    name_cy   TEXT NOT NULL,
    sensitive BIGINT NOT NULL DEFAULT 0,
    position  BIGINT NOT NULL DEFAULT 0,
    active    BIGINT NOT NULL DEFAULT 1,
    UNIQUE (csp_id, code)
);

CREATE TABLE report_sequences (
    year BIGINT PRIMARY KEY,
    last BIGINT NOT NULL
);

CREATE TABLE reports (
    id               BIGSERIAL PRIMARY KEY,
    reference        TEXT NOT NULL UNIQUE,
    tracking_hash    TEXT NOT NULL UNIQUE,
    csp_id           BIGINT NOT NULL REFERENCES csps(id),
    category_id      BIGINT NOT NULL REFERENCES report_categories(id),
    ward_code        TEXT NOT NULL REFERENCES wards(code),
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhoods(id),
    lat              DOUBLE PRECISION,
    lon              DOUBLE PRECISION,
    location_text    TEXT NOT NULL,
    happened_at      TEXT,
    ongoing          BIGINT NOT NULL DEFAULT 0,
    description      TEXT NOT NULL,
    asb_qualifier    TEXT,
    hate_strands     TEXT,
    language         TEXT NOT NULL,
    sensitive        BIGINT NOT NULL DEFAULT 0,
    status           TEXT NOT NULL DEFAULT 'open',
    created_at       BIGINT NOT NULL
);
CREATE INDEX reports_csp_created ON reports(csp_id, created_at);
CREATE INDEX reports_csp_status ON reports(csp_id, status);

-- Who reported, kept apart from the report so that reading it can be restricted and audited.
CREATE TABLE report_reporters (
    report_id          BIGINT PRIMARY KEY REFERENCES reports(id),
    anonymous          BIGINT NOT NULL,
    name               TEXT,
    email              TEXT,
    phone              TEXT,
    consent_to_contact BIGINT NOT NULL DEFAULT 0,
    safe_contact       TEXT
);

CREATE TABLE report_updates (
    id        BIGSERIAL PRIMARY KEY,
    report_id BIGINT NOT NULL REFERENCES reports(id),
    at        BIGINT NOT NULL,
    status    TEXT NOT NULL,
    message   TEXT,
    public    BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX report_updates_report ON report_updates(report_id, at);

CREATE TABLE report_drafts (
    token_hash TEXT PRIMARY KEY,
    fields     TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
