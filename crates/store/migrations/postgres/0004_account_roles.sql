-- Account roles: member (the default), employer (manages its verified company's listings),
-- admin (moderates). The first admin is made with `dualtrack admin create EMAIL`.
ALTER TABLE accounts ADD COLUMN role TEXT NOT NULL DEFAULT 'member'
    CHECK (role IN ('member', 'employer', 'admin'));

-- Every moderation act, kept for review: who did what to which target, when and why.
CREATE TABLE audit_log (
    id       BIGSERIAL   PRIMARY KEY,
    at       TIMESTAMPTZ NOT NULL,
    actor_id BIGINT      REFERENCES accounts (id) ON DELETE SET NULL,
    action   TEXT        NOT NULL,
    target   TEXT        NOT NULL,
    reason   TEXT        NOT NULL
);
CREATE INDEX audit_log_newest ON audit_log (at DESC, id DESC);
