-- Regions (issue 15 part 6, reused by issue 16): a named set of CSPs. Police force areas and
-- all of Wales come from the reference data; cohesion regions are set by an administrator
-- (`cymuned region create` / `set-csps`). A regional role (the cohesion coordinator) is held
-- for a region, and gives that role in every CSP of the region at the time the grants are read.
CREATE TABLE regions (
    id      INTEGER PRIMARY KEY,
    slug    TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    name_cy TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('police_force_area', 'cohesion_region', 'wales'))
);

CREATE TABLE region_csps (
    region_id INTEGER NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
    csp_id    INTEGER NOT NULL REFERENCES csps(id),
    PRIMARY KEY (region_id, csp_id)
);
CREATE INDEX region_csps_csp ON region_csps(csp_id);

CREATE TABLE user_region_roles (
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    region_id INTEGER NOT NULL REFERENCES regions(id),
    role      TEXT NOT NULL,
    PRIMARY KEY (user_id, region_id, role)
);
CREATE INDEX user_region_roles_region ON user_region_roles(region_id);

-- A database that already holds the reference data gets its standard regions now; a new one
-- gets them when the seed loads the CSPs.
INSERT INTO regions (slug, name_en, name_cy, kind)
    SELECT slug, name_en || ' area', 'Ardal ' || name_cy, 'police_force_area' FROM police_forces ORDER BY id;
INSERT INTO region_csps (region_id, csp_id)
    SELECT r.id, c.id FROM csps c JOIN police_forces p ON p.id = c.police_force_id JOIN regions r ON r.slug = p.slug;
INSERT INTO regions (slug, name_en, name_cy, kind)
    SELECT 'wales', 'Wales', 'Cymru', 'wales' WHERE EXISTS (SELECT 1 FROM csps);
INSERT INTO region_csps (region_id, csp_id)
    SELECT r.id, c.id FROM csps c JOIN regions r ON r.slug = 'wales';
