-- "You said, we did" publications (issue 14): what residents said in an area and what was done,
-- published by the engagement lead for one neighbourhood or the whole partnership over a period.
-- A publication has versions; a published version never changes (the triggers below refuse
-- it), and a correction is a new version with a note that the public page shows.
CREATE TABLE publications (
    id               INTEGER PRIMARY KEY,
    csp_id           INTEGER NOT NULL REFERENCES csps(id),
    -- NULL: the whole partnership.
    neighbourhood_id INTEGER REFERENCES neighbourhoods(id),
    -- The first and last day (their starts) of the period it covers.
    period_from      INTEGER NOT NULL,
    period_to        INTEGER NOT NULL,
    created_by       INTEGER NOT NULL REFERENCES users(id),
    created_at       INTEGER NOT NULL,
    -- Reach: who was told when it was first published.
    told_subscribers INTEGER NOT NULL DEFAULT 0,
    told_reporters   INTEGER NOT NULL DEFAULT 0,
    CHECK (period_from <= period_to)
);
CREATE INDEX publications_csp ON publications(csp_id, neighbourhood_id);

CREATE TABLE publication_versions (
    id              INTEGER PRIMARY KEY,
    publication_id  INTEGER NOT NULL REFERENCES publications(id),
    number          INTEGER NOT NULL,
    title_en        TEXT NOT NULL DEFAULT '',
    title_cy        TEXT NOT NULL DEFAULT '',
    intro_en        TEXT NOT NULL DEFAULT '',
    intro_cy        TEXT NOT NULL DEFAULT '',
    -- A correction's note (empty on the first version).
    correction_en   TEXT NOT NULL DEFAULT '',
    correction_cy   TEXT NOT NULL DEFAULT '',
    created_by      INTEGER NOT NULL REFERENCES users(id),
    created_at      INTEGER NOT NULL,
    -- NULL while a draft.
    published_at    INTEGER,
    UNIQUE (publication_id, number)
);
CREATE INDEX publication_versions_published ON publication_versions(published_at);

CREATE TABLE publication_items (
    id          INTEGER PRIMARY KEY,
    version_id  INTEGER NOT NULL REFERENCES publication_versions(id),
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('said', 'did')),
    text_en     TEXT NOT NULL DEFAULT '',
    text_cy     TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT 'none' CHECK (source IN ('profile', 'campaign', 'priority', 'none')),
    source_id   INTEGER,
    CHECK ((source = 'none') = (source_id IS NULL))
);
CREATE INDEX publication_items_version ON publication_items(version_id, position);

-- A published version, and its items, never change.
CREATE TRIGGER publication_versions_published_fixed BEFORE UPDATE ON publication_versions
WHEN OLD.published_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a published version never changes'); END;
CREATE TRIGGER publication_versions_published_kept BEFORE DELETE ON publication_versions
WHEN OLD.published_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a published version never changes'); END;
CREATE TRIGGER publication_items_fixed_insert BEFORE INSERT ON publication_items
WHEN (SELECT published_at FROM publication_versions WHERE id = NEW.version_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a published version never changes'); END;
CREATE TRIGGER publication_items_fixed_update BEFORE UPDATE ON publication_items
WHEN (SELECT published_at FROM publication_versions WHERE id = OLD.version_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a published version never changes'); END;
CREATE TRIGGER publication_items_fixed_delete BEFORE DELETE ON publication_items
WHEN (SELECT published_at FROM publication_versions WHERE id = OLD.version_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a published version never changes'); END;

-- Page views per publication and day (a count only: no cookie, no address kept).
CREATE TABLE publication_views (
    publication_id INTEGER NOT NULL REFERENCES publications(id),
    day            INTEGER NOT NULL,
    views          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (publication_id, day)
);

-- Residents told of a publication (by their address's SHA-256 hash): once each.
CREATE TABLE publication_told (
    publication_id INTEGER NOT NULL REFERENCES publications(id),
    email_hash     TEXT NOT NULL,
    PRIMARY KEY (publication_id, email_hash)
);

-- Subscribers' news gains "published" (a publication). SQLite cannot change a CHECK, so the
-- table is rebuilt; the two tables that refer to it are kept aside and put back.
CREATE TABLE area_news_new (
    id         INTEGER PRIMARY KEY,
    csp_id     INTEGER NOT NULL REFERENCES csps(id),
    whole_csp  INTEGER NOT NULL DEFAULT 0 CHECK (whole_csp IN (0, 1)),
    kind       TEXT NOT NULL CHECK (kind IN ('campaign_opened', 'priority_set', 'priority_reviewed', 'published')),
    title_en   TEXT NOT NULL,
    title_cy   TEXT NOT NULL,
    verdict    TEXT,
    link       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
INSERT INTO area_news_new (id, csp_id, whole_csp, kind, title_en, title_cy, verdict, link, created_at)
    SELECT id, csp_id, whole_csp, kind, title_en, title_cy, verdict, link, created_at FROM area_news;
CREATE TEMP TABLE area_news_neighbourhoods_kept AS SELECT news_id, neighbourhood_id FROM area_news_neighbourhoods;
CREATE TEMP TABLE digest_entries_kept AS SELECT subscription_id, news_id FROM digest_entries;
DROP TABLE area_news_neighbourhoods;
DROP TABLE digest_entries;
DROP TABLE area_news;
ALTER TABLE area_news_new RENAME TO area_news;
CREATE INDEX area_news_csp ON area_news(csp_id, created_at);

CREATE TABLE area_news_neighbourhoods (
    news_id          INTEGER NOT NULL REFERENCES area_news(id),
    neighbourhood_id INTEGER NOT NULL,
    PRIMARY KEY (news_id, neighbourhood_id)
);
CREATE INDEX area_news_neighbourhoods_neighbourhood ON area_news_neighbourhoods(neighbourhood_id, news_id);
INSERT INTO area_news_neighbourhoods (news_id, neighbourhood_id)
    SELECT news_id, neighbourhood_id FROM area_news_neighbourhoods_kept;

CREATE TABLE digest_entries (
    subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
    news_id         INTEGER NOT NULL REFERENCES area_news(id),
    PRIMARY KEY (subscription_id, news_id)
);
INSERT INTO digest_entries (subscription_id, news_id) SELECT subscription_id, news_id FROM digest_entries_kept;
DROP TABLE area_news_neighbourhoods_kept;
DROP TABLE digest_entries_kept;
