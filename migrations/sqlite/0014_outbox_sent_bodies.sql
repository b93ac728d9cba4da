-- A sent email's text held the resident's tracking link (token and email check); only the
-- token's hash is meant to be kept. Bodies of messages already sent, or given up after the
-- last attempt (10), are dropped; from now on that happens when they are marked.
UPDATE outbox SET body = '[sent]' WHERE sent_at IS NOT NULL;
UPDATE outbox SET body = '[not sent: gave up]' WHERE sent_at IS NULL AND attempts >= 10;
