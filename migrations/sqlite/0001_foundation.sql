-- Foundation: reference geography, staff accounts and roles, sessions, API keys, audit log.
-- Times are UTC seconds since the Unix epoch (INTEGER), flags are 0/1, so the same
-- queries behave identically on SQLite and PostgreSQL.

CREATE TABLE police_forces (
    id      INTEGER PRIMARY KEY,
    slug    TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    name_cy TEXT NOT NULL
);

CREATE TABLE csps (
    id              INTEGER PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    name_en         TEXT NOT NULL,
    name_cy         TEXT NOT NULL,
    police_force_id INTEGER NOT NULL REFERENCES police_forces(id)
);

CREATE TABLE local_authorities (
    code     TEXT PRIMARY KEY,
    name_en  TEXT NOT NULL,
    name_cy  TEXT NOT NULL,
    csp_id   INTEGER NOT NULL REFERENCES csps(id),
    geometry TEXT
);
CREATE INDEX local_authorities_csp ON local_authorities(csp_id);

CREATE TABLE neighbourhoods (
    id      INTEGER PRIMARY KEY,
    csp_id  INTEGER NOT NULL REFERENCES csps(id),
    slug    TEXT NOT NULL,
    name_en TEXT NOT NULL,
    name_cy TEXT NOT NULL,
    UNIQUE (csp_id, slug)
);

CREATE TABLE wards (
    code             TEXT PRIMARY KEY,
    name_en          TEXT NOT NULL,
    name_cy          TEXT NOT NULL,
    lad_code         TEXT NOT NULL REFERENCES local_authorities(code),
    neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhoods(id),
    geometry         TEXT NOT NULL
);
CREATE INDEX wards_neighbourhood ON wards(neighbourhood_id);
CREATE INDEX wards_lad ON wards(lad_code);

CREATE TABLE organisations (
    id     INTEGER PRIMARY KEY,
    csp_id INTEGER NOT NULL REFERENCES csps(id),
    kind   TEXT NOT NULL,
    name   TEXT NOT NULL,
    UNIQUE (csp_id, name)
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    language      TEXT NOT NULL DEFAULT 'en',
    is_demo       INTEGER NOT NULL DEFAULT 0,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL
);

CREATE TABLE user_roles (
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csp_id          INTEGER NOT NULL REFERENCES csps(id),
    role            TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisations(id),
    PRIMARY KEY (user_id, csp_id, role)
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_keys (
    id          INTEGER PRIMARY KEY,
    prefix      TEXT NOT NULL UNIQUE,
    key_hash    TEXT NOT NULL,
    name        TEXT NOT NULL,
    csp_id      INTEGER NOT NULL REFERENCES csps(id),
    role        TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisations(id),
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    actor_user_id INTEGER,
    actor_label   TEXT NOT NULL,
    action        TEXT NOT NULL,
    record_type   TEXT,
    record_id     TEXT,
    csp_id        INTEGER,
    ip            TEXT,
    detail        TEXT
);
CREATE INDEX audit_log_csp_at ON audit_log(csp_id, at);

-- The audit log is append-only: the database itself refuses edits and deletions.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
