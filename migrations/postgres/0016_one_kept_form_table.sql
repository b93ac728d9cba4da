-- One table for every refused form kept to be shown again as typed: staff forms (bound to
-- their sender and page, as before) and residents' forms, the report form and the case review
-- application (bound to no one: the token alone opens them). Residents' drafts move over from
-- report_drafts, which goes.
ALTER TABLE kept_forms ALTER COLUMN user_id DROP NOT NULL;
INSERT INTO kept_forms (token_hash, user_id, page, form, fields, created_at)
    SELECT token_hash, NULL, '', '', fields, created_at FROM report_drafts;
DROP TABLE report_drafts;
