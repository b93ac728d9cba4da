-- Subscriptions (issue 14): residents follow a neighbourhood, or a whole partnership, by email
-- in their language, without an account. Nothing is sent until the address is confirmed
-- (double opt-in). Links in emails carry a private token; only its SHA-256 hash is kept, one
-- row per link sent, so every email has its own working unsubscribe link.
CREATE TABLE subscriptions (
    id               BIGSERIAL PRIMARY KEY,
    email            TEXT NOT NULL,
    csp_id           BIGINT NOT NULL REFERENCES csps(id),
    -- 0: the whole partnership. Not a foreign key: a partnership that regroups its wards
    -- removes neighbourhoods, and the followers of one removed are told so plainly.
    neighbourhood_id BIGINT NOT NULL DEFAULT 0,
    language         TEXT NOT NULL CHECK (language IN ('en', 'cy')),
    frequency        TEXT NOT NULL CHECK (frequency IN ('immediate', 'weekly')),
    status           TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
    created_at       BIGINT NOT NULL,
    confirmed_at     BIGINT,
    unsubscribed_at  BIGINT,
    -- Weekly digests: not before this time (claimed by moving it a week on).
    next_digest_at   BIGINT,
    UNIQUE (email, csp_id, neighbourhood_id)
);
CREATE INDEX subscriptions_area ON subscriptions(csp_id, status, frequency, neighbourhood_id);
CREATE INDEX subscriptions_digest ON subscriptions(next_digest_at);

CREATE TABLE subscription_links (
    token_hash      TEXT PRIMARY KEY,
    subscription_id BIGINT NOT NULL REFERENCES subscriptions(id),
    created_at      BIGINT NOT NULL
);
CREATE INDEX subscription_links_subscription ON subscription_links(subscription_id);

-- What subscribers are told and the Atom feeds list: a campaign opened, a neighbourhood
-- priority set or reviewed. Titles are the public bilingual titles staff gave.
CREATE TABLE area_news (
    id         BIGSERIAL PRIMARY KEY,
    csp_id     BIGINT NOT NULL REFERENCES csps(id),
    whole_csp  BIGINT NOT NULL DEFAULT 0 CHECK (whole_csp IN (0, 1)),
    kind       TEXT NOT NULL CHECK (kind IN ('campaign_opened', 'priority_set', 'priority_reviewed')),
    title_en   TEXT NOT NULL,
    title_cy   TEXT NOT NULL,
    verdict    TEXT,
    -- The public page it is about (English path; the Welsh one is under /cy).
    link       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX area_news_csp ON area_news(csp_id, created_at);

CREATE TABLE area_news_neighbourhoods (
    news_id          BIGINT NOT NULL REFERENCES area_news(id),
    neighbourhood_id BIGINT NOT NULL,
    PRIMARY KEY (news_id, neighbourhood_id)
);
CREATE INDEX area_news_neighbourhoods_neighbourhood ON area_news_neighbourhoods(neighbourhood_id, news_id);

-- News waiting for a weekly digest subscriber's next digest (deleted once in one).
CREATE TABLE digest_entries (
    subscription_id BIGINT NOT NULL REFERENCES subscriptions(id),
    news_id         BIGINT NOT NULL REFERENCES area_news(id),
    PRIMARY KEY (subscription_id, news_id)
);

-- The RFC 8058 one-click unsubscribe address of a list email (List-Unsubscribe); dropped once
-- the message is sent or given up, as its body is (the address holds a token).
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;
