-- Foundation: reference geography, staff accounts and roles, sessions, API keys, audit log.
-- Times are UTC seconds since the Unix epoch (BIGINT), flags are 0/1 (BIGINT), so the same
-- queries behave identically on SQLite and PostgreSQL.

CREATE TABLE police_forces (
    id      BIGSERIAL PRIMARY KEY,
    slug    TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    name_cy TEXT NOT NULL
);

CREATE TABLE csps (
    id              BIGSERIAL PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    name_en         TEXT NOT NULL,
    name_cy         TEXT NOT NULL,
    police_force_id BIGINT NOT NULL REFERENCES police_forces(id)
);

CREATE TABLE local_authorities (
    code     TEXT PRIMARY KEY,
    name_en  TEXT NOT NULL,
    name_cy  TEXT NOT NULL,
    csp_id   BIGINT NOT NULL REFERENCES csps(id),
    geometry TEXT
);
CREATE INDEX local_authorities_csp ON local_authorities(csp_id);

CREATE TABLE neighbourhoods (
    id      BIGSERIAL PRIMARY KEY,
    csp_id  BIGINT NOT NULL REFERENCES csps(id),
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
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhoods(id),
    geometry         TEXT NOT NULL
);
CREATE INDEX wards_neighbourhood ON wards(neighbourhood_id);
CREATE INDEX wards_lad ON wards(lad_code);

CREATE TABLE organisations (
    id     BIGSERIAL PRIMARY KEY,
    csp_id BIGINT NOT NULL REFERENCES csps(id),
    kind   TEXT NOT NULL,
    name   TEXT NOT NULL,
    UNIQUE (csp_id, name)
);

CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    language      TEXT NOT NULL DEFAULT 'en',
    is_demo       BIGINT NOT NULL DEFAULT 0,
    active        BIGINT NOT NULL DEFAULT 1,
    created_at    BIGINT NOT NULL
);

CREATE TABLE user_roles (
    user_id         BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csp_id          BIGINT NOT NULL REFERENCES csps(id),
    role            TEXT NOT NULL,
    organisation_id BIGINT REFERENCES organisations(id),
    PRIMARY KEY (user_id, csp_id, role)
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_keys (
    id          BIGSERIAL PRIMARY KEY,
    prefix      TEXT NOT NULL UNIQUE,
    key_hash    TEXT NOT NULL,
    name        TEXT NOT NULL,
    csp_id      BIGINT NOT NULL REFERENCES csps(id),
    role        TEXT NOT NULL,
    organisation_id BIGINT REFERENCES organisations(id),
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);

CREATE TABLE audit_log (
    id            BIGSERIAL PRIMARY KEY,
    at            BIGINT NOT NULL,
    actor_user_id BIGINT,
    actor_label   TEXT NOT NULL,
    action        TEXT NOT NULL,
    record_type   TEXT,
    record_id     TEXT,
    csp_id        BIGINT,
    ip            TEXT,
    detail        TEXT
);
CREATE INDEX audit_log_csp_at ON audit_log(csp_id, at);

-- The audit log is append-only: the database itself refuses edits and deletions.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
