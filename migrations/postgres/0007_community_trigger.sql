-- The Community Trigger (ASB case review). A reporter's contact details count as verified once
-- they open the link in their confirmation email (proving the address) or an officer confirms
-- them; only verified details match one person's reports. Reports meeting a CSP's rule carry it.
ALTER TABLE report_reporters ADD COLUMN email_check_hash TEXT;
ALTER TABLE report_reporters ADD COLUMN contact_verified_at BIGINT;
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

ALTER TABLE csp_settings ADD COLUMN trigger_reports BIGINT NOT NULL DEFAULT 3;
ALTER TABLE csp_settings ADD COLUMN trigger_window_days BIGINT NOT NULL DEFAULT 183;
ALTER TABLE csp_settings ADD COLUMN trigger_location_rule BIGINT NOT NULL DEFAULT 0;
ALTER TABLE csp_settings ADD COLUMN trigger_hate_rule BIGINT NOT NULL DEFAULT 0;
ALTER TABLE csp_settings ADD COLUMN review_acknowledge_days BIGINT NOT NULL DEFAULT 5;
ALTER TABLE csp_settings ADD COLUMN review_decide_days BIGINT NOT NULL DEFAULT 15;
-- Duplicate and repeat suggestions: how far apart in time and distance.
ALTER TABLE csp_settings ADD COLUMN link_window_days BIGINT NOT NULL DEFAULT 14;
ALTER TABLE csp_settings ADD COLUMN link_distance_metres BIGINT NOT NULL DEFAULT 500;

-- Teams of a CSP (for example "Night-time economy"), which reports can be assigned to.
CREATE TABLE teams (
    id     BIGSERIAL PRIMARY KEY,
    csp_id BIGINT NOT NULL REFERENCES csps(id),
    name   TEXT NOT NULL,
    UNIQUE (csp_id, name)
);
CREATE TABLE team_members (
    team_id BIGINT NOT NULL REFERENCES teams(id),
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
ALTER TABLE reports ADD COLUMN assigned_team_id BIGINT REFERENCES teams(id);

CREATE TABLE case_review_sequences (
    year BIGINT PRIMARY KEY,
    last BIGINT NOT NULL
);

-- An application for an ASB case review, its deadlines and its outcome.
CREATE TABLE case_reviews (
    id                BIGSERIAL PRIMARY KEY,
    reference         TEXT NOT NULL UNIQUE,
    csp_id            BIGINT NOT NULL REFERENCES csps(id),
    applicant_name    TEXT NOT NULL,
    applicant_email   TEXT,
    applicant_phone   TEXT,
    on_behalf_of      TEXT,
    language          TEXT NOT NULL,
    report_references TEXT NOT NULL,
    impact            TEXT NOT NULL,
    threshold_met     BIGINT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'received'
        CHECK (status IN ('received', 'acknowledged', 'threshold_not_met', 'review_held')),
    received_at       BIGINT NOT NULL,
    acknowledge_due   BIGINT NOT NULL,
    decide_due        BIGINT NOT NULL,
    acknowledged_at   BIGINT,
    decided_at        BIGINT,
    recommendations   TEXT,
    version           BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX case_reviews_csp ON case_reviews(csp_id, received_at);
