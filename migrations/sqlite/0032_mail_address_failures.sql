-- Email at scale (issue 14): addresses whose mail server refuses them for good. A permanent
-- SMTP refusal of an address (550 mailbox unavailable and the like) counts against it; after
-- three without a delivery between, it is suppressed: its waiting messages are stopped (their
-- bodies dropped as sent mail's are) and new ones are stopped before any try. A confirmation
-- emailed because the address's owner just asked for it is still sent (confirming a new
-- subscription is what ends a suppression). Only the SHA-256 hash of the address (in lower
-- case) is kept here, never the address.
CREATE TABLE mail_address_failures (
    address_hash   TEXT PRIMARY KEY,
    hard_failures  INTEGER NOT NULL,
    last_failed_at INTEGER NOT NULL,
    suppressed_at  INTEGER
);

-- A message stopped (never to be sent) because its address is suppressed.
ALTER TABLE outbox ADD COLUMN stopped_at INTEGER;
-- 1: the reply to a form the address's owner just sent (a subscription's confirmation), sent
-- even to a suppressed address.
ALTER TABLE outbox ADD COLUMN asked INTEGER NOT NULL DEFAULT 0 CHECK (asked IN (0, 1));

-- What the worker claims: messages neither sent nor stopped, by when they are due.
CREATE INDEX outbox_waiting ON outbox(next_attempt_at, id) WHERE sent_at IS NULL AND stopped_at IS NULL;
