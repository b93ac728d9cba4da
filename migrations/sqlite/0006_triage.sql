-- Triage: officers acknowledge, grade (3x5x2), sanitise, assign and answer reports. The graded,
-- sanitised record is an intelligence item; a `C` item is shared only with the organisations
-- named. `version` lets two officers at once be told instead of one silently overwriting.
ALTER TABLE reports ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reports ADD COLUMN acknowledged_at INTEGER;
ALTER TABLE reports ADD COLUMN assigned_user_id INTEGER REFERENCES users(id);
ALTER TABLE reports ADD COLUMN assigned_organisation_id INTEGER REFERENCES organisations(id);
ALTER TABLE reports ADD COLUMN closed_at INTEGER;
CREATE INDEX reports_queue ON reports(csp_id, status, created_at);
CREATE INDEX reports_assigned ON reports(assigned_user_id, status);

-- What an update is: a status change, a question to the resident, or the resident's reply.
ALTER TABLE report_updates ADD COLUMN kind TEXT NOT NULL DEFAULT 'status';
ALTER TABLE report_updates ADD COLUMN author_user_id INTEGER REFERENCES users(id);

CREATE TABLE intelligence_items (
    id                 INTEGER PRIMARY KEY,
    report_id          INTEGER NOT NULL UNIQUE REFERENCES reports(id),
    csp_id             INTEGER NOT NULL REFERENCES csps(id),
    summary            TEXT NOT NULL,
    source_grade       TEXT NOT NULL CHECK (source_grade IN ('1', '2', '3')),
    intelligence_grade TEXT NOT NULL CHECK (intelligence_grade IN ('A', 'B', 'C', 'D', 'E')),
    handling_code      TEXT NOT NULL CHECK (handling_code IN ('P', 'C')),
    conditions         TEXT,
    tension            TEXT CHECK (tension IN ('evidenced', 'experienced', 'potential')),
    graded_by          INTEGER NOT NULL REFERENCES users(id),
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    CHECK (handling_code = 'P' OR (conditions IS NOT NULL AND length(conditions) > 0))
);
CREATE INDEX intelligence_csp ON intelligence_items(csp_id, updated_at);

CREATE TABLE intelligence_shares (
    item_id         INTEGER NOT NULL REFERENCES intelligence_items(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    PRIMARY KEY (item_id, organisation_id)
);

-- Per-CSP triage settings (defaults apply while a CSP has no row).
CREATE TABLE csp_settings (
    csp_id                   INTEGER PRIMARY KEY REFERENCES csps(id),
    acknowledge_working_days INTEGER NOT NULL DEFAULT 2
);

-- Reports an officer has linked: a duplicate of, or a repeat of, another report of the CSP.
CREATE TABLE report_links (
    report_id  INTEGER NOT NULL REFERENCES reports(id),
    linked_id  INTEGER NOT NULL REFERENCES reports(id),
    kind       TEXT NOT NULL CHECK (kind IN ('duplicate', 'repeat')),
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (report_id, linked_id),
    CHECK (report_id <> linked_id)
);
CREATE INDEX report_links_linked ON report_links(linked_id);
