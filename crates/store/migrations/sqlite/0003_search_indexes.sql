-- Indexes that keep listing search fast on a large board (see docs/PERFORMANCE.md, "Job board
-- search"). Listing rows are wide (the description), so search reads narrow covering indexes
-- instead of the table wherever it can.

-- Facet counts group every match by (company, track, workplace): this index holds exactly
-- those columns, in that order, so counting never reads a listing row.
CREATE INDEX listings_facets ON listings (company_id, track, workplace);

-- The newest-first page walk tests the filters on the index entry itself and reads a listing
-- row only for the listings it returns. Replaces the narrower listings_newest.
CREATE INDEX listings_newest_filtered ON listings (posted_at DESC, id DESC, company_id, track, workplace);
DROP INDEX listings_newest;

-- Company-level filters look companies up by tag.
CREATE INDEX company_tag_claims_tag ON company_tag_claims (tag_id, company_id);
CREATE INDEX endorsements_tag_company ON endorsements (tag_id, company_id);
