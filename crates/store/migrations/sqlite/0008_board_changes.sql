-- A change number for everything search facets count: listings, companies, claimed tags and
-- endorsements. Search keeps facet counts per query and uses one only while this number is
-- unchanged, so every writer (any server process, the CLI) invalidates them by writing.
CREATE TABLE board_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO board_changes (id, n) VALUES (1, 0);

CREATE TRIGGER listings_changed_insert AFTER INSERT ON listings
BEGIN UPDATE board_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER listings_changed_update AFTER UPDATE ON listings
BEGIN UPDATE board_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER listings_changed_delete AFTER DELETE ON listings
BEGIN UPDATE board_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER companies_changed_insert AFTER INSERT ON companies
BEGIN UPDATE board_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER companies_changed_update AFTER UPDATE ON companies
BEGIN UPDATE board_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER companies_changed_delete AFTER DELETE ON companies
BEGIN UPDATE board_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER company_tag_claims_changed_insert AFTER INSERT ON company_tag_claims
BEGIN UPDATE board_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER company_tag_claims_changed_update AFTER UPDATE ON company_tag_claims
BEGIN UPDATE board_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER company_tag_claims_changed_delete AFTER DELETE ON company_tag_claims
BEGIN UPDATE board_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER endorsements_changed_insert AFTER INSERT ON endorsements
BEGIN UPDATE board_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER endorsements_changed_update AFTER UPDATE ON endorsements
BEGIN UPDATE board_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER endorsements_changed_delete AFTER DELETE ON endorsements
BEGIN UPDATE board_changes SET n = n + 1 WHERE id = 1; END;
