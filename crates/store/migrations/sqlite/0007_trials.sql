-- Trials of the other track (`dualtrack trial`, `/trial`). The trial engine's own export document
-- is kept whole in `document` (check-ins, calendar week shares, exit criteria, sponsor answers,
-- reviews): one source of truth, read back through the engine's import, which checks every rule.
-- The other columns copy what listing and authorisation need. Raw calendars are never stored.
-- `owner` is `account:ID` (web) or `local:PROFILE` (CLI); every query filters on it.
CREATE TABLE trials (
    id         TEXT    PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    owner      TEXT    NOT NULL CHECK (owner LIKE 'account:%' OR owner LIKE 'local:%'),
    -- Set for account owners so closing the account deletes its trials.
    account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    start_date TEXT    NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    months     INTEGER NOT NULL CHECK (months BETWEEN 1 AND 24),
    document   TEXT    NOT NULL CHECK (json_valid(document)),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    CHECK ((account_id IS NULL) = (owner LIKE 'local:%'))
);

CREATE INDEX trials_owner ON trials (owner, created_at DESC, id DESC);
