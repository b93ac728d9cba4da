-- Further information about a report sent by another app (Open311 `POST servicerequestupdates`,
-- as FixMyStreet sends a resident's update): kept with the report's history for staff only
-- (kind 'comment', not public), with the app's key and the app's own id for the update, so an
-- update sent again is stored once.
ALTER TABLE report_updates ADD COLUMN api_key_id BIGINT REFERENCES api_keys(id);
ALTER TABLE report_updates ADD COLUMN client_update_id TEXT;
CREATE UNIQUE INDEX report_updates_client ON report_updates(api_key_id, client_update_id);
