-- A company's own ladder file, uploaded by its employer. The board derives the company's
-- ic_top_rung, ic_past_staff and has_dual_ladder from it (written to companies in the same
-- transaction) and shows the framework's audit of it on the company page. Kept apart from
-- companies so search, which reads companies on every request, never carries the file.
CREATE TABLE company_ladders (
    company_id  INTEGER PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    ladder_toml TEXT NOT NULL,
    uploaded_by INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    uploaded_at TEXT NOT NULL
);
