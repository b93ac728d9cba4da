-- "You said, we did" quotes (issue 14): an item may quote a survey respondent's own words,
-- with the consent they gave when they answered (`survey_responses.may_quote`, 0031); its
-- `source_id` is the response. SQLite cannot change a CHECK, so the items' table is rebuilt
-- with the same columns, index and triggers as 0030 (a published version's items never change).
CREATE TABLE publication_items_new (
    id          INTEGER PRIMARY KEY,
    version_id  INTEGER NOT NULL REFERENCES publication_versions(id),
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('said', 'did')),
    text_en     TEXT NOT NULL DEFAULT '',
    text_cy     TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT 'none' CHECK (source IN ('profile', 'campaign', 'priority', 'quote', 'none')),
    source_id   INTEGER,
    CHECK ((source = 'none') = (source_id IS NULL))
);
INSERT INTO publication_items_new (id, version_id, position, kind, text_en, text_cy, source, source_id)
    SELECT id, version_id, position, kind, text_en, text_cy, source, source_id FROM publication_items;
-- Dropping the table drops its index and triggers (and its rows without firing them).
DROP TABLE publication_items;
ALTER TABLE publication_items_new RENAME TO publication_items;
CREATE INDEX publication_items_version ON publication_items(version_id, position);

CREATE TRIGGER publication_items_fixed_insert BEFORE INSERT ON publication_items
WHEN (SELECT published_at FROM publication_versions WHERE id = NEW.version_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a published version never changes'); END;
CREATE TRIGGER publication_items_fixed_update BEFORE UPDATE ON publication_items
WHEN (SELECT published_at FROM publication_versions WHERE id = OLD.version_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a published version never changes'); END;
CREATE TRIGGER publication_items_fixed_delete BEFORE DELETE ON publication_items
WHEN (SELECT published_at FROM publication_versions WHERE id = OLD.version_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a published version never changes'); END;
