-- One table for every refused form kept to be shown again as typed: staff forms (bound to
-- their sender and page, as before) and residents' forms, the report form and the case review
-- application (bound to no one: the token alone opens them). Residents' drafts move over from
-- report_drafts, which goes. SQLite cannot drop a NOT NULL, so the table is rebuilt.
CREATE TABLE kept_forms_new (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER REFERENCES users(id) ON DELETE CASCADE,
    page       TEXT NOT NULL,
    form       TEXT NOT NULL,
    fields     TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
INSERT INTO kept_forms_new (token_hash, user_id, page, form, fields, created_at)
    SELECT token_hash, user_id, page, form, fields, created_at FROM kept_forms;
INSERT INTO kept_forms_new (token_hash, user_id, page, form, fields, created_at)
    SELECT token_hash, NULL, '', '', fields, created_at FROM report_drafts;
DROP TABLE kept_forms;
DROP TABLE report_drafts;
ALTER TABLE kept_forms_new RENAME TO kept_forms;
CREATE INDEX kept_forms_created ON kept_forms(created_at);
