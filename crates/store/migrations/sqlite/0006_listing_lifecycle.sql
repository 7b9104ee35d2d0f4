-- Listings an employer posts and manages: where to apply, when the listing expires, when its
-- employer closed it, when a moderator hid it (and why). Search shows only open listings:
-- not closed, not hidden, expiry still ahead.
ALTER TABLE listings ADD COLUMN apply_url TEXT;
ALTER TABLE listings ADD COLUMN apply_email TEXT;
ALTER TABLE listings ADD COLUMN expires_at TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN closed_at TEXT;
ALTER TABLE listings ADD COLUMN hidden_at TEXT;
ALTER TABLE listings ADD COLUMN hidden_reason TEXT;

-- Listings already on the board expire 60 days after their posting, as new ones do.
UPDATE listings SET expires_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', posted_at, '+60 days');

-- Search reads only open listings, so its two covering indexes hold only those rows (a closed
-- or hidden listing costs search nothing) and carry the expiry to test it on the entry. They
-- also carry closed_at and hidden_at (always NULL in them): SQLite counts an index as covering
-- only when it holds every column the query names, partial-index condition included.
DROP INDEX listings_newest_filtered;
CREATE INDEX listings_open_newest ON listings
    (posted_at DESC, id DESC, company_id, track, workplace, expires_at, closed_at, hidden_at)
    WHERE closed_at IS NULL AND hidden_at IS NULL;
DROP INDEX listings_facets;
CREATE INDEX listings_open_facets ON listings
    (company_id, track, workplace, expires_at, closed_at, hidden_at)
    WHERE closed_at IS NULL AND hidden_at IS NULL;
-- An employer's own listings, every state.
CREATE INDEX listings_company_newest ON listings (company_id, posted_at DESC, id DESC);
DROP INDEX listings_company;

-- Closing, renewing or hiding a listing changes no searchable text: reindex only on text.
DROP TRIGGER listings_fts_update;
CREATE TRIGGER listings_fts_update AFTER UPDATE OF title, company_id, location, description
ON listings BEGIN
    DELETE FROM listings_fts WHERE rowid = old.id;
    INSERT INTO listings_fts (rowid, title, company, location, description)
    VALUES (new.id, new.title, (SELECT name FROM companies WHERE id = new.company_id),
            new.location, new.description);
END;

-- Per-employer API tokens (`Authorization: Bearer ...`); only the SHA-256 of a token is kept.
CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash TEXT    NOT NULL UNIQUE,
    label      TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX api_tokens_account ON api_tokens (account_id);

-- Culture preferences a signed-in job seeker saved (anonymous visitors keep them in the URL).
CREATE TABLE account_preferences (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    tag_id     TEXT    NOT NULL REFERENCES tags (id),
    level      TEXT    NOT NULL CHECK (level IN ('nice', 'important', 'dealbreaker')),
    PRIMARY KEY (account_id, tag_id)
);
