-- Employee verification by work email, bans, and culture claims that stay true.

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

-- Culture claims that stay true: the team or org an endorser gives, and disputes. A dispute,
-- like an endorsement, can only come from an account verified for exactly this company.
ALTER TABLE endorsements ADD COLUMN team TEXT;

CREATE TABLE tag_disputes (
    account_id BIGINT      NOT NULL,
    company_id BIGINT      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    tag_id     TEXT        NOT NULL REFERENCES tags (id),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, tag_id),
    FOREIGN KEY (account_id, company_id) REFERENCES accounts (id, verified_company_id) ON DELETE CASCADE
);
CREATE INDEX tag_disputes_company_tag ON tag_disputes (company_id, tag_id);
