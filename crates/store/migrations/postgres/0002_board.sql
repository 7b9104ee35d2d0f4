-- The job board: culture vocabulary, companies, listings, accounts, sessions, endorsements.

CREATE TABLE tags (
    id          TEXT    PRIMARY KEY,
    label       TEXT    NOT NULL,
    description TEXT    NOT NULL,
    position    INTEGER NOT NULL
);

CREATE TABLE companies (
    id              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug            TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    domain          TEXT    NOT NULL UNIQUE,
    summary         TEXT    NOT NULL,
    size            TEXT    NOT NULL CHECK (size IN ('startup', 'growth', 'midsize', 'large', 'enterprise')),
    remote_policy   TEXT    NOT NULL CHECK (remote_policy IN ('remote_first', 'hybrid', 'office_first')),
    ic_top_rung     TEXT    NOT NULL,
    ic_past_staff   BOOLEAN NOT NULL,
    has_dual_ladder BOOLEAN NOT NULL,
    fictional       BOOLEAN NOT NULL
);

-- Tags a company claims in its own profile.
CREATE TABLE company_tag_claims (
    company_id BIGINT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    tag_id     TEXT   NOT NULL REFERENCES tags (id),
    PRIMARY KEY (company_id, tag_id)
);

CREATE TABLE listings (
    id              BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id      BIGINT      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    title           TEXT        NOT NULL,
    track           TEXT        NOT NULL CHECK (track IN ('ic', 'management')),
    rung            TEXT        NOT NULL,
    location        TEXT        NOT NULL,
    workplace       TEXT        NOT NULL CHECK (workplace IN ('remote', 'hybrid', 'onsite')),
    description     TEXT        NOT NULL,
    salary_min      BIGINT,
    salary_max      BIGINT,
    salary_currency TEXT,
    posted_at       TIMESTAMPTZ NOT NULL,
    -- Words of title, company name, location and description, split on anything that is not
    -- a letter or digit (the same way SQLite's FTS5 tokenizer splits), unstemmed.
    search          TSVECTOR    NOT NULL DEFAULT ''::tsvector,
    CHECK ((salary_min IS NULL) = (salary_max IS NULL) AND (salary_min IS NULL) = (salary_currency IS NULL)),
    CHECK (salary_min IS NULL OR (salary_min >= 0 AND salary_min <= salary_max))
);

CREATE INDEX listings_newest ON listings (posted_at DESC, id DESC);
CREATE INDEX listings_company ON listings (company_id);
CREATE INDEX listings_search ON listings USING GIN (search);

CREATE FUNCTION listing_search_document(title TEXT, company TEXT, location TEXT, description TEXT)
RETURNS TSVECTOR LANGUAGE SQL IMMUTABLE AS $$
    SELECT to_tsvector('simple', regexp_replace(
        concat_ws(' ', title, company, location, description), '[^[:alnum:]]+', ' ', 'g'))
$$;

CREATE FUNCTION listings_search_refresh() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := listing_search_document(
        NEW.title, (SELECT name FROM companies WHERE id = NEW.company_id),
        NEW.location, NEW.description);
    RETURN NEW;
END
$$;

CREATE TRIGGER listings_search_refresh BEFORE INSERT OR UPDATE OF title, company_id, location, description
ON listings FOR EACH ROW EXECUTE FUNCTION listings_search_refresh();

CREATE FUNCTION companies_search_rename() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    UPDATE listings SET title = title WHERE company_id = NEW.id;
    RETURN NEW;
END
$$;

CREATE TRIGGER companies_search_rename AFTER UPDATE OF name ON companies
FOR EACH ROW EXECUTE FUNCTION companies_search_rename();

CREATE TABLE accounts (
    id                  BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email               TEXT        NOT NULL UNIQUE CHECK (email = lower(email)),
    password_hash       TEXT        NOT NULL,
    verified_company_id BIGINT      REFERENCES companies (id) ON DELETE SET NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    -- Target of the endorsements foreign key below: (account, the company it is verified for).
    UNIQUE (id, verified_company_id)
);

CREATE TABLE sessions (
    token_hash  TEXT        PRIMARY KEY,
    account_id  BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    csrf_secret TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX sessions_account ON sessions (account_id);

-- One endorsement per account and tag. The composite foreign key makes the database itself
-- refuse an endorsement unless the account is verified for exactly this company.
CREATE TABLE endorsements (
    account_id BIGINT      NOT NULL,
    company_id BIGINT      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    tag_id     TEXT        NOT NULL REFERENCES tags (id),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, tag_id),
    FOREIGN KEY (account_id, company_id) REFERENCES accounts (id, verified_company_id) ON DELETE CASCADE
);

CREATE INDEX endorsements_company_tag ON endorsements (company_id, tag_id);

-- A tag's standing at a company: claimed by it, endorsed by its verified employees, or both.
CREATE VIEW company_tags AS
SELECT company_id, tag_id, bool_or(claimed) AS claimed, COUNT(*) FILTER (WHERE NOT claimed) AS endorsements
FROM (
    SELECT company_id, tag_id, TRUE AS claimed FROM company_tag_claims
    UNION ALL
    SELECT company_id, tag_id, FALSE AS claimed FROM endorsements
) AS sources
GROUP BY company_id, tag_id;
