-- A staff form refused for a mistake (a summary naming the reporter, a missing Welsh text, a
-- date in the wrong form...) is kept for the person who sent it, for a day, so the page shows
-- it again as they typed it: nothing is lost. In the database rather than the address because
-- it may hold personal details, and so that any of a region's app servers can show it.
CREATE TABLE kept_forms (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    page       TEXT NOT NULL,
    form       TEXT NOT NULL,
    fields     TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX kept_forms_created ON kept_forms(created_at);
