-- Reports from other apps over Open311 were stored as if their residents had agreed to email
-- from the hub (they gave their details to the app, which tells them what happens). They never
-- did: no email about such a report goes out from now on, old reports included.
UPDATE report_reporters SET consent_to_contact = 0
 WHERE report_id IN (SELECT id FROM reports WHERE source = 'open311');
