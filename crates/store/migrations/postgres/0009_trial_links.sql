-- Private links of a trial (an .ics feed of its dates, a sponsor's check-in page) and the weekly
-- reminders already sent. A link row keeps a random nonce; the address handed out is the nonce
-- with the server's signature of it, so the database alone does not give the addresses away.
-- Making a new link replaces the old one (one per purpose), which stops the old address working.
CREATE TABLE trial_links (
    trial_id   TEXT        NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
    purpose    TEXT        NOT NULL CHECK (purpose IN ('feed', 'sponsor')),
    nonce      TEXT        NOT NULL UNIQUE CHECK (length(nonce) BETWEEN 20 AND 100),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (trial_id, purpose)
);

-- One row per reminder sent: the primary key makes a second send of the same week's reminder
-- impossible, whichever server process tries.
CREATE TABLE trial_reminders (
    trial_id TEXT        NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
    due_date TEXT        NOT NULL CHECK (due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    sent_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (trial_id, due_date)
);

-- Trials whose owner turned the weekly reminder off; the reminder task leaves them out.
CREATE TABLE trial_reminders_off (
    trial_id TEXT NOT NULL PRIMARY KEY REFERENCES trials (id) ON DELETE CASCADE
);
