-- Employee verification by work email, and bans.

-- A banned account cannot sign in; its sessions are deleted when the ban is set.
ALTER TABLE accounts ADD COLUMN banned_at TIMESTAMPTZ;

-- One row per verification link mailed. Only the SHA-256 of the link's token is stored. A
-- link belongs to the account that asked for it, names the company and the work address it
-- was sent to, expires after a day and can be used once (used_at).
CREATE TABLE email_verifications (
    token_hash TEXT        PRIMARY KEY,
    account_id BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    company_id BIGINT      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    address    TEXT        NOT NULL CHECK (address = lower(address)),
    hires      BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX email_verifications_account ON email_verifications (account_id);
