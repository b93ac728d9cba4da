-- "You said, we did" publications (issue 14): what residents said in an area and what was done,
-- published by the engagement lead for one neighbourhood or the whole partnership over a period.
-- A publication has versions; a published version never changes (the triggers below refuse
-- it), and a correction is a new version with a note that the public page shows.
CREATE TABLE publications (
    id               BIGSERIAL PRIMARY KEY,
    csp_id           BIGINT NOT NULL REFERENCES csps(id),
    -- NULL: the whole partnership.
    neighbourhood_id BIGINT REFERENCES neighbourhoods(id),
    -- The first and last day (their starts) of the period it covers.
    period_from      BIGINT NOT NULL,
    period_to        BIGINT NOT NULL,
    created_by       BIGINT NOT NULL REFERENCES users(id),
    created_at       BIGINT NOT NULL,
    -- Reach: who was told when it was first published.
    told_subscribers BIGINT NOT NULL DEFAULT 0,
    told_reporters   BIGINT NOT NULL DEFAULT 0,
    CHECK (period_from <= period_to)
);
CREATE INDEX publications_csp ON publications(csp_id, neighbourhood_id);

CREATE TABLE publication_versions (
    id              BIGSERIAL PRIMARY KEY,
    publication_id  BIGINT NOT NULL REFERENCES publications(id),
    number          BIGINT NOT NULL,
    title_en        TEXT NOT NULL DEFAULT '',
    title_cy        TEXT NOT NULL DEFAULT '',
    intro_en        TEXT NOT NULL DEFAULT '',
    intro_cy        TEXT NOT NULL DEFAULT '',
    -- A correction's note (empty on the first version).
    correction_en   TEXT NOT NULL DEFAULT '',
    correction_cy   TEXT NOT NULL DEFAULT '',
    created_by      BIGINT NOT NULL REFERENCES users(id),
    created_at      BIGINT NOT NULL,
    -- NULL while a draft.
    published_at    BIGINT,
    UNIQUE (publication_id, number)
);
CREATE INDEX publication_versions_published ON publication_versions(published_at);

CREATE TABLE publication_items (
    id          BIGSERIAL PRIMARY KEY,
    version_id  BIGINT NOT NULL REFERENCES publication_versions(id),
    position    BIGINT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('said', 'did')),
    text_en     TEXT NOT NULL DEFAULT '',
    text_cy     TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT 'none' CHECK (source IN ('profile', 'campaign', 'priority', 'none')),
    source_id   BIGINT,
    CHECK ((source = 'none') = (source_id IS NULL))
);
CREATE INDEX publication_items_version ON publication_items(version_id, position);

-- A published version, and its items, never change.
CREATE FUNCTION publication_version_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.published_at IS NOT NULL THEN
        RAISE EXCEPTION 'a published version never changes';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER publication_versions_published_fixed BEFORE UPDATE OR DELETE ON publication_versions
    FOR EACH ROW EXECUTE FUNCTION publication_version_fixed();

CREATE FUNCTION publication_item_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    version BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        version := OLD.version_id;
    ELSE
        version := NEW.version_id;
    END IF;
    IF (SELECT published_at FROM publication_versions WHERE id = version) IS NOT NULL
        OR (TG_OP = 'UPDATE' AND (SELECT published_at FROM publication_versions WHERE id = OLD.version_id) IS NOT NULL) THEN
        RAISE EXCEPTION 'a published version never changes';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER publication_items_fixed BEFORE INSERT OR UPDATE OR DELETE ON publication_items
    FOR EACH ROW EXECUTE FUNCTION publication_item_fixed();

-- Page views per publication and day (a count only: no cookie, no address kept).
CREATE TABLE publication_views (
    publication_id BIGINT NOT NULL REFERENCES publications(id),
    day            BIGINT NOT NULL,
    views          BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (publication_id, day)
);

-- Residents told of a publication (by their address's SHA-256 hash): once each.
CREATE TABLE publication_told (
    publication_id BIGINT NOT NULL REFERENCES publications(id),
    email_hash     TEXT NOT NULL,
    PRIMARY KEY (publication_id, email_hash)
);

-- Subscribers' news gains "published" (a publication).
ALTER TABLE area_news DROP CONSTRAINT area_news_kind_check;
ALTER TABLE area_news ADD CONSTRAINT area_news_kind_check
    CHECK (kind IN ('campaign_opened', 'priority_set', 'priority_reviewed', 'published'));
