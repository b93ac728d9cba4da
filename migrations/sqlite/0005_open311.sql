-- Reports from other apps over Open311: where a report came from (the web form or an API
-- key), the token an Open311 client may look it up by, and the photo link it sent.
ALTER TABLE reports ADD COLUMN source TEXT NOT NULL DEFAULT 'web';
ALTER TABLE reports ADD COLUMN api_key_id INTEGER REFERENCES api_keys(id);
ALTER TABLE reports ADD COLUMN open311_token TEXT;
ALTER TABLE reports ADD COLUMN media_url TEXT;
CREATE UNIQUE INDEX reports_open311_token ON reports(open311_token);
CREATE INDEX reports_created ON reports(created_at);
CREATE INDEX report_updates_at ON report_updates(at);
