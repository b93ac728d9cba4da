-- Stopping progress and publication news in one click (issue 14): residents told when a
-- priority they raised moves, or when a publication drawing on what they said is published,
-- get a private stop link in each such email (its token known only by its SHA-256 hash) and the
-- RFC 8058 List-Unsubscribe headers. Using it puts the address (by the SHA-256 hash of its
-- lower case) on the stop list: from then on nobody tells it of either, and its "email me when
-- something changes" survey contacts are deleted. A reporter's consent about their own report
-- is not changed.
CREATE TABLE news_stops (
    email_hash TEXT PRIMARY KEY,
    stopped_at BIGINT NOT NULL
);

-- One per email sent: which address (by hash) its stop link stops; used once.
CREATE TABLE news_stop_links (
    token_hash TEXT PRIMARY KEY,
    email_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    used_at    BIGINT
);

-- Withdrawing a published publication (issue 14), when something identifying slipped through:
-- a partnership manager or administrator withdraws it with a reason in English and Welsh. In
-- one transaction its versions' texts and items are blanked in storage, and it is marked
-- withdrawn; the public page then says only when and why.
ALTER TABLE publications ADD COLUMN withdrawn_at BIGINT;
ALTER TABLE publications ADD COLUMN withdrawn_by BIGINT REFERENCES users(id);
ALTER TABLE publications ADD COLUMN withdrawn_reason_en TEXT;
ALTER TABLE publications ADD COLUMN withdrawn_reason_cy TEXT;

-- A published version, and its items, still never change, except for exactly this redaction
-- of a withdrawn publication: every text blanked, nothing else touched.
CREATE OR REPLACE FUNCTION publication_version_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.published_at IS NOT NULL THEN
        IF TG_OP = 'UPDATE'
            AND (SELECT withdrawn_at FROM publications WHERE id = OLD.publication_id) IS NOT NULL
            AND NEW.id = OLD.id AND NEW.publication_id = OLD.publication_id AND NEW.number = OLD.number
            AND NEW.created_by = OLD.created_by AND NEW.created_at = OLD.created_at
            AND NEW.published_at = OLD.published_at
            AND NEW.title_en = '' AND NEW.title_cy = '' AND NEW.intro_en = '' AND NEW.intro_cy = ''
            AND NEW.correction_en = '' AND NEW.correction_cy = '' THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'a published version never changes';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION publication_item_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
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
        IF TG_OP = 'UPDATE'
            AND (SELECT p.withdrawn_at FROM publications p JOIN publication_versions v ON v.publication_id = p.id
                 WHERE v.id = OLD.version_id) IS NOT NULL
            AND NEW.id = OLD.id AND NEW.version_id = OLD.version_id AND NEW.position = OLD.position
            AND NEW.kind = OLD.kind AND NEW.source = OLD.source
            AND NEW.source_id IS NOT DISTINCT FROM OLD.source_id
            AND NEW.text_en = '' AND NEW.text_cy = '' THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'a published version never changes';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

-- A withdrawal is for good.
CREATE FUNCTION publication_withdrawn_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.withdrawn_at IS NOT NULL AND (NEW.withdrawn_at IS DISTINCT FROM OLD.withdrawn_at
        OR NEW.withdrawn_reason_en IS DISTINCT FROM OLD.withdrawn_reason_en
        OR NEW.withdrawn_reason_cy IS DISTINCT FROM OLD.withdrawn_reason_cy) THEN
        RAISE EXCEPTION 'a withdrawal is for good';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER publications_withdrawn_kept BEFORE UPDATE ON publications
    FOR EACH ROW EXECUTE FUNCTION publication_withdrawn_kept();
