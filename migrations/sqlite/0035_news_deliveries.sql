-- Fan-out of subscribers' news (issue 14): announcing news stores one row per subscriber told
-- as it happens, in one INSERT ... SELECT inside the transaction recording the event; the mail
-- worker turns them into outbox emails in batches, deleting each row in the transaction that
-- queues its email (so each is sent once, even with several servers on one database).
CREATE TABLE news_deliveries (
    id              INTEGER PRIMARY KEY,
    news_id         INTEGER NOT NULL REFERENCES area_news(id),
    subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
    created_at      INTEGER NOT NULL
);
