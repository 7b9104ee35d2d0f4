-- Listings an employer posts and manages: where to apply, when the listing expires, when its
-- employer closed it, when a moderator hid it (and why). Search shows only open listings:
-- not closed, not hidden, expiry still ahead.
ALTER TABLE listings ADD COLUMN apply_url TEXT;
ALTER TABLE listings ADD COLUMN apply_email TEXT;
ALTER TABLE listings ADD COLUMN expires_at TIMESTAMPTZ;
ALTER TABLE listings ADD COLUMN closed_at TIMESTAMPTZ;
ALTER TABLE listings ADD COLUMN hidden_at TIMESTAMPTZ;
ALTER TABLE listings ADD COLUMN hidden_reason TEXT;

-- Listings already on the board expire 60 days after their posting, as new ones do.
UPDATE listings SET expires_at = posted_at + INTERVAL '60 days';
ALTER TABLE listings ALTER COLUMN expires_at SET NOT NULL;

-- Search reads only open listings: its indexes hold only those rows and carry the expiry.
CREATE INDEX listings_open_newest ON listings (posted_at DESC, id DESC)
    INCLUDE (company_id, track, workplace, expires_at)
    WHERE closed_at IS NULL AND hidden_at IS NULL;
DROP INDEX listings_facets;
CREATE INDEX listings_open_facets ON listings (company_id, track, workplace, expires_at)
    WHERE closed_at IS NULL AND hidden_at IS NULL;
CREATE INDEX listings_company_newest ON listings (company_id, posted_at DESC, id DESC);
DROP INDEX listings_company;

-- Per-employer API tokens (`Authorization: Bearer ...`); only the SHA-256 of a token is kept.
CREATE TABLE api_tokens (
    id         BIGSERIAL   PRIMARY KEY,
    account_id BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash TEXT        NOT NULL UNIQUE,
    label      TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX api_tokens_account ON api_tokens (account_id);

-- Culture preferences a signed-in job seeker saved (anonymous visitors keep them in the URL).
CREATE TABLE account_preferences (
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    tag_id     TEXT   NOT NULL REFERENCES tags (id),
    level      TEXT   NOT NULL CHECK (level IN ('nice', 'important', 'dealbreaker')),
    PRIMARY KEY (account_id, tag_id)
);
