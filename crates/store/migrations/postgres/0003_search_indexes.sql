-- Indexes that keep listing search fast on a large board (see docs/PERFORMANCE.md, "Job board
-- search").

-- Facet counts group every match by (company, track, workplace): with this index they are an
-- index-only scan that never reads the wide listing rows (description, search vector).
CREATE INDEX listings_facets ON listings (company_id, track, workplace);

-- Company-level filters look companies up by tag.
CREATE INDEX company_tag_claims_tag ON company_tag_claims (tag_id, company_id);
CREATE INDEX endorsements_tag_company ON endorsements (tag_id, company_id);
