-- The job board: culture vocabulary, companies, listings, accounts, sessions, endorsements.
-- Timestamps are sqlx's RFC 3339 text in UTC; listings' posted_at is always whole seconds,
-- so text order is time order for the search cursor.

CREATE TABLE tags (
    id          TEXT    PRIMARY KEY,
    label       TEXT    NOT NULL,
    description TEXT    NOT NULL,
    position    INTEGER NOT NULL
);

CREATE TABLE companies (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    slug            TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    domain          TEXT    NOT NULL UNIQUE,
    summary         TEXT    NOT NULL,
    size            TEXT    NOT NULL CHECK (size IN ('startup', 'growth', 'midsize', 'large', 'enterprise')),
    remote_policy   TEXT    NOT NULL CHECK (remote_policy IN ('remote_first', 'hybrid', 'office_first')),
    ic_top_rung     TEXT    NOT NULL,
    ic_past_staff   INTEGER NOT NULL CHECK (ic_past_staff IN (0, 1)),
    has_dual_ladder INTEGER NOT NULL CHECK (has_dual_ladder IN (0, 1)),
    fictional       INTEGER NOT NULL CHECK (fictional IN (0, 1))
);

-- Tags a company claims in its own profile.
CREATE TABLE company_tag_claims (
    company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    tag_id     TEXT    NOT NULL REFERENCES tags (id),
    PRIMARY KEY (company_id, tag_id)
);

CREATE TABLE listings (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id      INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    title           TEXT    NOT NULL,
    track           TEXT    NOT NULL CHECK (track IN ('ic', 'management')),
    rung            TEXT    NOT NULL,
    location        TEXT    NOT NULL,
    workplace       TEXT    NOT NULL CHECK (workplace IN ('remote', 'hybrid', 'onsite')),
    description     TEXT    NOT NULL,
    salary_min      INTEGER,
    salary_max      INTEGER,
    salary_currency TEXT,
    posted_at       TEXT    NOT NULL,
    CHECK ((salary_min IS NULL) = (salary_max IS NULL) AND (salary_min IS NULL) = (salary_currency IS NULL)),
    CHECK (salary_min IS NULL OR (salary_min >= 0 AND salary_min <= salary_max))
);

CREATE INDEX listings_newest ON listings (posted_at DESC, id DESC);
CREATE INDEX listings_company ON listings (company_id);

-- Full-text index over what a job seeker types: title, company name, location, description.
CREATE VIRTUAL TABLE listings_fts USING fts5 (
    title, company, location, description,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER listings_fts_insert AFTER INSERT ON listings BEGIN
    INSERT INTO listings_fts (rowid, title, company, location, description)
    VALUES (new.id, new.title, (SELECT name FROM companies WHERE id = new.company_id),
            new.location, new.description);
END;

CREATE TRIGGER listings_fts_update AFTER UPDATE ON listings BEGIN
    DELETE FROM listings_fts WHERE rowid = old.id;
    INSERT INTO listings_fts (rowid, title, company, location, description)
    VALUES (new.id, new.title, (SELECT name FROM companies WHERE id = new.company_id),
            new.location, new.description);
END;

CREATE TRIGGER listings_fts_delete AFTER DELETE ON listings BEGIN
    DELETE FROM listings_fts WHERE rowid = old.id;
END;

CREATE TRIGGER companies_fts_rename AFTER UPDATE OF name ON companies BEGIN
    UPDATE listings_fts SET company = new.name
    WHERE rowid IN (SELECT id FROM listings WHERE company_id = new.id);
END;

CREATE TABLE accounts (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    email               TEXT    NOT NULL UNIQUE CHECK (email = lower(email)),
    password_hash       TEXT    NOT NULL,
    verified_company_id INTEGER REFERENCES companies (id) ON DELETE SET NULL,
    created_at          TEXT    NOT NULL,
    -- Target of the endorsements foreign key below: (account, the company it is verified for).
    UNIQUE (id, verified_company_id)
);

CREATE TABLE sessions (
    token_hash  TEXT    PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    csrf_secret TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL
);

CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX sessions_account ON sessions (account_id);

-- One endorsement per account and tag. The composite foreign key makes the database itself
-- refuse an endorsement unless the account is verified for exactly this company.
CREATE TABLE endorsements (
    account_id INTEGER NOT NULL,
    company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    tag_id     TEXT    NOT NULL REFERENCES tags (id),
    created_at TEXT    NOT NULL,
    PRIMARY KEY (account_id, tag_id),
    FOREIGN KEY (account_id, company_id) REFERENCES accounts (id, verified_company_id) ON DELETE CASCADE
);

CREATE INDEX endorsements_company_tag ON endorsements (company_id, tag_id);

-- A tag's standing at a company: claimed by it, endorsed by its verified employees, or both.
CREATE VIEW company_tags AS
SELECT company_id, tag_id, MAX(claimed) AS claimed, SUM(endorsed) AS endorsements
FROM (
    SELECT company_id, tag_id, 1 AS claimed, 0 AS endorsed FROM company_tag_claims
    UNION ALL
    SELECT company_id, tag_id, 0 AS claimed, 1 AS endorsed FROM endorsements
)
GROUP BY company_id, tag_id;
