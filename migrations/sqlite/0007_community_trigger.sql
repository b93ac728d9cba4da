-- The Community Trigger (ASB case review). A reporter's contact details count as verified once
-- they open the link in their confirmation email (proving the address) or an officer confirms
-- them; only verified details match one person's reports. Reports meeting a CSP's rule carry it.
ALTER TABLE report_reporters ADD COLUMN email_check_hash TEXT;
ALTER TABLE report_reporters ADD COLUMN contact_verified_at INTEGER;
ALTER TABLE reports ADD COLUMN trigger_rule TEXT;
CREATE INDEX reports_trigger ON reports(csp_id, trigger_rule);

-- The queue's usual view: a CSP's open reports, oldest first. It holds every column the
-- queue filters, sorts and counts by, so counts and filtered pages never read the table (the
-- predicate is repeated word for word in the queue's queries, so both databases use it).
CREATE INDEX reports_open_queue ON reports(csp_id, created_at, id, acknowledged_at, category_id, neighbourhood_id,
        sensitive, assigned_user_id, asb_qualifier, trigger_rule)
    WHERE status NOT IN ('fixed', 'duplicate', 'not_responsible', 'no_further_action', 'internal_referral', 'closed');
-- Sensitive reports (hate, abuse) of any status, newest or oldest first.
CREATE INDEX reports_sensitive ON reports(csp_id, sensitive, created_at, status);

ALTER TABLE csp_settings ADD COLUMN trigger_reports INTEGER NOT NULL DEFAULT 3;
ALTER TABLE csp_settings ADD COLUMN trigger_window_days INTEGER NOT NULL DEFAULT 183;
ALTER TABLE csp_settings ADD COLUMN trigger_location_rule INTEGER NOT NULL DEFAULT 0;
ALTER TABLE csp_settings ADD COLUMN trigger_hate_rule INTEGER NOT NULL DEFAULT 0;
ALTER TABLE csp_settings ADD COLUMN review_acknowledge_days INTEGER NOT NULL DEFAULT 5;
ALTER TABLE csp_settings ADD COLUMN review_decide_days INTEGER NOT NULL DEFAULT 15;
-- Duplicate and repeat suggestions: how far apart in time and distance.
ALTER TABLE csp_settings ADD COLUMN link_window_days INTEGER NOT NULL DEFAULT 14;
ALTER TABLE csp_settings ADD COLUMN link_distance_metres INTEGER NOT NULL DEFAULT 500;

-- Teams of a CSP (for example "Night-time economy"), which reports can be assigned to.
CREATE TABLE teams (
    id     INTEGER PRIMARY KEY,
    csp_id INTEGER NOT NULL REFERENCES csps(id),
    name   TEXT NOT NULL,
    UNIQUE (csp_id, name)
);
CREATE TABLE team_members (
    team_id INTEGER NOT NULL REFERENCES teams(id),
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
ALTER TABLE reports ADD COLUMN assigned_team_id INTEGER REFERENCES teams(id);

CREATE TABLE case_review_sequences (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

-- An application for an ASB case review, its deadlines and its outcome.
CREATE TABLE case_reviews (
    id                INTEGER PRIMARY KEY,
    reference         TEXT NOT NULL UNIQUE,
    csp_id            INTEGER NOT NULL REFERENCES csps(id),
    applicant_name    TEXT NOT NULL,
    applicant_email   TEXT,
    applicant_phone   TEXT,
    on_behalf_of      TEXT,
    language          TEXT NOT NULL,
    report_references TEXT NOT NULL,
    impact            TEXT NOT NULL,
    threshold_met     INTEGER NOT NULL,
    status            TEXT NOT NULL DEFAULT 'received'
        CHECK (status IN ('received', 'acknowledged', 'threshold_not_met', 'review_held')),
    received_at       INTEGER NOT NULL,
    acknowledge_due   INTEGER NOT NULL,
    decide_due        INTEGER NOT NULL,
    acknowledged_at   INTEGER,
    decided_at        INTEGER,
    recommendations   TEXT,
    version           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX case_reviews_csp ON case_reviews(csp_id, received_at);
